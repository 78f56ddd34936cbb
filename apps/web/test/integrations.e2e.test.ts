import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient, type SeededCustomer } from '#test-support/control-plane-harness';
import { WebhookReceiver, startWebhookReceiver } from '#test-support/webhook-receiver';
import { ConsoleStack, signIn, startConsoleStack } from './support/console-stack';

// An administrator connects the account to a CRM from the console: a webhook endpoint whose secret is shown once, a
// test event that reaches a real receiver and shows in the delivery log, and an API key that works until revoked.

describe('the integrations console', { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  let receiver: WebhookReceiver;

  before(async () => {
    stack = await startConsoleStack({
      WEBHOOK_ALLOW_HTTP: true,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true,
      WEBHOOK_RETRY_BASE: 500,
    });
    s = await stack.cp.seed();
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver?.close();
    await stack?.close();
  });

  it('adds an endpoint, sends it a test event it can verify, and reads the delivery log', async () => {
    const c = await stack.open();
    const { page, problems } = c;
    await signIn(page, s.admin.email, s.admin.password);
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();

    const form = page.getByRole('region', { name: 'Add an endpoint' });
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('Enter the address webhooks should be sent to.').waitFor();
    await form.getByText('Choose at least one event type.').waitFor();
    await form.getByLabel('URL').fill(`${receiver.url}/crm`);
    await form.getByLabel('Description (optional)').fill('CRM sync');
    await form.getByRole('checkbox', { name: /registration\.created/ }).check();
    await form.getByRole('checkbox', { name: /event\.scheduled/ }).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const dialog = page.getByRole('dialog', { name: "The endpoint's signing secret" });
    const secret = await dialog.getByLabel('Signing secret').inputValue();
    assert.match(secret, /^whsec_/);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.screenshot({ path: '/tmp/hooks-integrations.png', fullPage: true });

    const row = page.getByRole('row').filter({ hasText: `${receiver.url}/crm` });
    await row.getByText('Active').waitFor();
    await row.getByText('2 event types').waitFor();
    await row.getByRole('link', { name: `${receiver.url}/crm` }).click();
    await page.getByRole('heading', { level: 1, name: `${receiver.url}/crm` }).waitFor();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    const logRow = page
      .getByRole('region', { name: 'Delivery log' })
      .getByRole('row')
      .filter({ hasText: 'webhook.test' });
    await logRow.getByText('Delivered').waitFor({ timeout: 20_000 });
    await logRow.getByRole('button', { name: 'Details' }).click();
    await page.getByRole('table', { name: 'Every attempt' }).getByRole('cell', { name: '200', exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/hooks-endpoint.png', fullPage: true });

    const test = receiver.received.find((r) => r.json.type === 'webhook.test');
    assert.ok(test, 'the receiver got the test event');
    receiver.verify(test, secret);

    // a registration is delivered too: the endpoint subscribes to it
    const event = await apiClient(stack.cp.url, s.organizer.token).post('/api/events', {
      title: 'Launch',
      mode: 'live',
      startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 49 * 3_600_000).toISOString(),
    });
    assert.equal(event.status, 201);
    await page.getByRole('region', { name: 'Delivery log' }).getByText('event.scheduled').waitFor({ timeout: 20_000 });
    assert.deepEqual(problems, []);
    await c.close();
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    const c = await stack.open({ locale: 'fr-FR' });
    const { page, problems } = c;
    await signIn(page, s.admin.email, s.admin.password);
    await page.getByRole('link', { name: 'Intégrations' }).click();
    const form = page.getByRole('region', { name: "Créer une clé d'API" });
    await form.getByRole('textbox', { name: /^Nom/ }).fill('Agenda partagé');
    await form.getByRole('checkbox', { name: /read:reports/ }).check();
    await form.getByRole('button', { name: 'Créer la clé' }).click();
    await form.getByText("Choisissez l'organisateur au nom duquel la clé agit.").waitFor();
    await form.getByRole('checkbox', { name: /read:reports/ }).uncheck();
    await form.getByRole('checkbox', { name: /read:events/ }).check();
    await form.getByRole('button', { name: 'Créer la clé' }).click();

    const dialog = page.getByRole('dialog', { name: "Votre nouvelle clé d'API" });
    const key = await dialog.getByLabel("Clé d'API").inputValue();
    assert.match(key, /^wck_/);
    await dialog.getByRole('button', { name: "Je l'ai copié" }).click();
    assert.equal((await apiClient(stack.cp.url, key).get('/api/events')).status, 200);

    const row = page.getByRole('row').filter({ hasText: 'Agenda partagé' });
    await row.getByRole('button', { name: 'Révoquer' }).click();
    await page
      .getByRole('dialog', { name: 'Révoquer Agenda partagé ?' })
      .getByRole('button', { name: 'Révoquer la clé' })
      .click();
    await row.getByText(/Révoquée le/).waitFor();
    await page.screenshot({ path: '/tmp/hooks-keys-fr.png', fullPage: true });
    assert.equal((await apiClient(stack.cp.url, key).get('/api/events')).status, 401);
    assert.deepEqual(problems, []);
    await c.close();
  });
});
