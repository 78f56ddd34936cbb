import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketCorsXml } from '../src/bucket-cors';

describe("the bucket's CORS configuration", () => {
  it('names each allowed origin, for GET, HEAD and the presigned PUT', () => {
    const xml = bucketCorsXml(['https://webcasts.example.com', 'https://intranet.example.org']);
    assert.deepEqual(
      [...xml.matchAll(/<AllowedOrigin>([^<]*)<\/AllowedOrigin>/g)].map((m) => m[1]),
      ['https://webcasts.example.com', 'https://intranet.example.org'],
    );
    assert.deepEqual(
      [...xml.matchAll(/<AllowedMethod>([^<]*)<\/AllowedMethod>/g)].map((m) => m[1]),
      ['GET', 'HEAD', 'PUT'],
    );
  });

  it('answers any origin only when none is given', () => {
    assert.match(bucketCorsXml([]), /<AllowedOrigin>\*<\/AllowedOrigin>/);
  });
});
