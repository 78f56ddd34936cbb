import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWebhookUrl, isInternalAddress } from '../src/webhooks/webhook-address-policy';
import { signWebhook } from '../src/webhooks/webhook-signature';
import { Webhook } from 'standardwebhooks';

const production = { allowHttp: false, allowPrivate: false };

describe('where webhooks may be sent', () => {
  it('refuses loopback, private, link-local and metadata addresses in production', () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://0.0.0.0/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
    ]) {
      assert.throws(() => checkWebhookUrl(url, production), /loopback, private or internal/, url);
    }
  });

  it('accepts public addresses and names over https', () => {
    assert.equal(checkWebhookUrl('https://crm.example.com/hooks', production).host, 'crm.example.com');
    assert.equal(checkWebhookUrl('https://93.184.215.14/hooks', production).hostname, '93.184.215.14');
  });

  it('refuses plain http and credentials in the URL, unless the operator allows http', () => {
    assert.throws(() => checkWebhookUrl('http://crm.example.com/hooks', production), /must use https/);
    assert.throws(() => checkWebhookUrl('ftp://crm.example.com/hooks', production), /must use https/);
    assert.throws(() => checkWebhookUrl('https://user:pw@crm.example.com/', production), /no user name or password/);
    assert.throws(() => checkWebhookUrl('crm.example.com', production), /valid absolute URL/);
    const dev = { allowHttp: true, allowPrivate: true };
    assert.equal(checkWebhookUrl('http://127.0.0.1:8080/hooks', dev).port, '8080');
  });

  it('classifies resolved addresses, IPv4-mapped ones too, and anything unparsable as internal', () => {
    assert.equal(isInternalAddress('8.8.8.8'), false);
    assert.equal(isInternalAddress('2001:4860:4860::8888'), false);
    assert.equal(isInternalAddress('::ffff:10.0.0.1'), true);
    assert.equal(isInternalAddress('not-an-address'), true);
  });
});

describe('webhook signatures', () => {
  it('are what the Standard Webhooks reference library verifies', () => {
    const secret = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
    const ts = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'event.scheduled', data: { eventId: 'e1' } });
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signWebhook(secret, 'msg_1', ts, body),
    };
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.throws(() => new Webhook(secret).verify(body.replace('e1', 'e2'), headers), 'a changed body fails');
  });
});
