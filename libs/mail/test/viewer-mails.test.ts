import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ViewerMailContext, viewerAccountExistsMail, viewerPasswordResetMail, viewerVerificationMail } from '#mail';

const ctx = (language: 'en' | 'fr', url = 'https://stage.example.com/stage/verify#token=abc'): ViewerMailContext => ({
  language,
  viewer: { name: 'Hedy <Lamarr>', email: 'hedy@example.org' },
  url,
});

describe('viewer mails', () => {
  it('verify the address in English, the link in both parts, the name escaped in HTML', () => {
    const m = viewerVerificationMail(ctx('en'));
    assert.equal(m.subject, 'Confirm your e-mail address for Stage');
    assert.deepEqual(m.to, { name: 'Hedy <Lamarr>', address: 'hedy@example.org' });
    assert.match(m.text, /^Hello Hedy <Lamarr>,/);
    assert.ok(m.text.includes('https://stage.example.com/stage/verify#token=abc'));
    assert.ok(m.html.includes('href="https://stage.example.com/stage/verify#token=abc"'));
    assert.ok(m.html.includes('Hedy &lt;Lamarr&gt;') && !m.html.includes('<Lamarr>'));
    assert.equal(m.calendar, undefined);
  });

  it('speak French with French typography', () => {
    const m = viewerVerificationMail(ctx('fr'));
    assert.equal(m.subject, 'Confirmez votre adresse e-mail pour Stage');
    assert.match(m.text, /^Bonjour Hedy <Lamarr>,/);
    assert.match(m.html, /<html lang="fr">/);
    assert.match(m.text, /ignorez ce message\u00a0:/);
  });

  it('tell a taken address to sign in or reset, in both languages', () => {
    const url = 'https://stage.example.com/stage/password-reset';
    assert.equal(viewerAccountExistsMail(ctx('en', url)).subject, 'You already have a Stage account');
    assert.equal(viewerAccountExistsMail(ctx('fr', url)).subject, 'Vous avez déjà un compte Stage');
    assert.ok(viewerAccountExistsMail(ctx('en', url)).text.includes(url));
  });

  it('carry the reset link and say it works once, for an hour', () => {
    const url = 'https://stage.example.com/stage/password#token=xyz';
    const en = viewerPasswordResetMail(ctx('en', url));
    assert.equal(en.subject, 'Choose a new Stage password');
    assert.match(en.text, /works once, for 1 hour/);
    assert.ok(en.text.includes(url));
    const fr = viewerPasswordResetMail(ctx('fr', url));
    assert.equal(fr.subject, 'Choisissez un nouveau mot de passe Stage');
    assert.match(fr.text, /une fois, pendant 1 heure/);
  });
});
