import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AddressPolicy, checkWebhookUrl, isInternalAddress } from './webhook-address-policy';
import type { WebhookHeaders } from './webhook-signature';

/** What one attempt found: the delivery log shows it as is. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string;
}

const EXCERPT_BYTES = 1024;

/**
 * Resolves like dns.lookup, and refuses a name that resolves to an internal address when the policy says so. The
 * connection uses the address checked here, so a name cannot pass the check and then point elsewhere.
 */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const usable = policy.allowPrivate ? addresses : addresses.filter((a) => !isInternalAddress(a.address));
      if (usable.length === 0) {
        return callback(
          new Error(`${hostname} resolves only to internal addresses, which webhooks may not call`),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
}

/** One POST of a signed delivery: never throws; a refusal, a timeout or a 5xx are outcomes like any other. */
export async function postWebhook(
  rawUrl: string,
  headers: WebhookHeaders,
  body: string,
  opts: { policy: AddressPolicy; timeoutMs: number; userAgent: string },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = checkWebhookUrl(rawUrl, opts.policy);
  } catch (e) {
    return { ok: false, statusCode: null, durationMs: 0, error: (e as Error).message, responseExcerpt: '' };
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptOutcome>((resolve) => {
    const req = send(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': opts.userAgent,
      },
      lookup: guardedLookup(opts.policy),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          statusCode: status,
          durationMs: elapsed(),
          error: status >= 200 && status < 300 ? null : `the receiver answered ${status}`,
          responseExcerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
        });
      });
      res.on('error', (e) => resolve(failure(e)));
    });
    req.on('error', (e) => resolve(failure(e)));
    req.end(body);
    function failure(e: Error): AttemptOutcome {
      const timedOut = e.name === 'AbortError' || e.name === 'TimeoutError';
      return {
        ok: false,
        statusCode: null,
        durationMs: elapsed(),
        error: timedOut ? `no answer within ${opts.timeoutMs} ms` : e.message,
        responseExcerpt: '',
      };
    }
  });
}
