import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MailSender,
  SmtpCatcher,
  confirmationMail,
  createMailSender,
  listOutbox,
  readOutboxMessage,
  readOutboxRaw,
  startSmtpCatcher,
} from '#mail';

// nodemailer over real SMTP into the embedded catcher, then read back as the development outbox reads it.
describe('the embedded SMTP catcher', () => {
  let dir: string;
  let catcher: SmtpCatcher;
  let sender: MailSender;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    catcher = await startSmtpCatcher({ dir });
    sender = createMailSender(catcher.url, 'Webcasts <webcasts@example.com>');
  });
  after(async () => {
    sender.close();
    await catcher.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each mail as .eml with an index line, and gives back its parts and attachment names', async () => {
    const mail = confirmationMail({
      language: 'en',
      registrant: { name: 'Alan Turing', email: 'alan@example.org' },
      event: {
        id: 'e1',
        title: 'Open day',
        description: '',
        startsAt: new Date('2026-06-02T08:00:00Z'),
        endsAt: new Date('2026-06-02T09:00:00Z'),
        timeZone: 'Europe/Paris',
        version: 1,
      },
      joinUrl: 'https://webcasts.example.com/join/abc',
      from: { name: 'Webcasts', address: 'webcasts@example.com' },
      now: new Date(),
      uidDomain: 'example.com',
    });
    await sender.send(mail);
    await sender.send({ ...mail, to: { address: 'joan@example.org' }, subject: 'Second' });

    const list = await listOutbox(dir);
    assert.deepEqual(
      list.map((e) => [e.to, e.from, e.subject]),
      [
        [['joan@example.org'], 'webcasts@example.com', 'Second'],
        [['alan@example.org'], 'webcasts@example.com', 'You are registered: Open day'],
      ],
      'newest first, with the envelope recipients',
    );
    const first = await readOutboxMessage(dir, list[1].id);
    assert.ok(first);
    assert.ok(first.text.includes('https://webcasts.example.com/join/abc'));
    assert.ok(first.html?.includes('href="https://webcasts.example.com/join/abc"'));
    assert.ok(first.attachments.some((a) => a.filename === 'invitation.ics'));
    // calendar clients look for the invitation as a text/calendar part with its method
    assert.match(String(await readOutboxRaw(dir, list[1].id)), /text\/calendar; charset=utf-8; method=REQUEST/i);

    assert.equal(await readOutboxMessage(dir, randomUUID()), null);
    assert.equal(await readOutboxMessage(dir, '../index'), null);
  });
});
