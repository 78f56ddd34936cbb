import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

// A real HTTP receiver on loopback, as a customer's CRM would run one: it keeps every request, answers with the
// status its `answer` function picks, and verifies signatures with the Standard Webhooks reference library.

export interface Received {
  at: number;
  /** The request path: each endpoint of a test gets its own under the receiver's URL. */
  path: string;
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body, once its signature has been verified (verify()). */
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The status the next request gets (200 unless changed). */
  answer: (r: Received, n: number) => number;
  /** Throws unless the request's signature verifies with the secret (standardwebhooks' own check). */
  verify(r: Received, secret: string): unknown;
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks'): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    answer: () => 200,
    verify: (r, secret) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = {
        at: Date.now(),
        path: req.url ?? '',
        id: String(req.headers['webhook-id']),
        headers: req.headers,
        body,
        json: JSON.parse(body) as Received['json'],
      };
      received.push(r);
      const status = receiver.answer(r, received.filter((x) => x.id === r.id).length);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'thanks' : 'receiver is down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}
