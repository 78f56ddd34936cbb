import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webhookFailingMail } from '../src/webhook-failing-mail';

const facts = {
  to: { name: 'Grace Hopper', address: 'grace@example.com' },
  endpointUrl: 'https://crm.example.com/hooks',
  lastError: 'HTTP 500',
  consoleUrl: 'https://webcasts.example.com/integrations/webhooks/42',
};

describe('the mail telling an administrator a webhook endpoint fails', () => {
  it('names the endpoint, the last error and links to its delivery log, in both parts', () => {
    const m = webhookFailingMail({ ...facts, language: 'en', disabled: false });
    assert.equal(m.to.address, 'grace@example.com');
    assert.equal(m.subject, 'Webhook deliveries failing: https://crm.example.com/hooks');
    for (const part of [m.text, m.html]) {
      assert.match(part, /Grace Hopper/);
      assert.match(part, /HTTP 500/);
      assert.ok(part.includes(facts.consoleUrl));
    }
    assert.match(m.text, /will be switched off/);
  });

  it('says deliveries are switched off, and how to resume, once the endpoint is disabled', () => {
    const m = webhookFailingMail({ ...facts, language: 'en', disabled: true });
    assert.match(m.subject, /^Webhook endpoint disabled/);
    assert.match(m.text, /enable the endpoint again/);
  });

  it('speaks French', () => {
    const m = webhookFailingMail({ ...facts, language: 'fr', disabled: true });
    assert.match(m.subject, /^Point de terminaison webhook désactivé/);
    assert.match(m.text, /Bonjour Grace Hopper/);
    assert.match(m.html, /lang="fr"/);
  });
});
