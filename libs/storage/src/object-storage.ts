import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { Client, type BucketItem } from 'minio';
import { bucketCorsXml } from './bucket-cors';

export interface StorageSettings {
  /** e.g. http://127.0.0.1:9000 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
  /** Where browsers fetch public objects (a CDN, or the endpoint as seen from outside); default endpoint/bucket. */
  publicBaseUrl?: string;
  /** The web origins a bucket this process creates answers CORS to (none = any origin); read when it is created. */
  corsOrigins?: () => readonly string[];
}

/**
 * Object storage behind the S3 API (MinIO, s3rver, AWS). Every write is ONE PUT: s3rver has no multipart, and
 * HLS segments and sources under the upload limit fit a single PUT (S3 allows 5 GiB).
 */
export class ObjectStorage {
  // the one minio client of a process: every storage call goes through the methods below
  private readonly client: Client;
  readonly bucket: string;
  private readonly endpoint: URL;

  constructor(readonly settings: StorageSettings) {
    this.endpoint = new URL(settings.endpoint);
    this.bucket = settings.bucket;
    const useSSL = this.endpoint.protocol === 'https:';
    this.client = new Client({
      endPoint: this.endpoint.hostname,
      port: Number(this.endpoint.port || (useSSL ? 443 : 80)),
      useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      region: settings.region ?? 'us-east-1',
      pathStyle: true,
    });
  }

  /** Creates the bucket if missing; objects under `publicReadPrefix` become readable without credentials (MinIO/AWS policy). */
  async ensureBucket(publicReadPrefix?: string): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) {
      let created = true;
      try {
        await this.client.makeBucket(this.bucket, this.settings.region ?? 'us-east-1');
      } catch (e) {
        // another process created it between the check and the make (and sets its CORS)
        if (!(await this.client.bucketExists(this.bucket))) throw e;
        created = false;
      }
      if (created) await this.allowBrowsers();
    }
    if (publicReadPrefix) await this.allowPublicRead(publicReadPrefix);
  }

  /** CORS for the browser's GETs and presigned PUTs, set once when this process creates the bucket. */
  private async allowBrowsers(): Promise<void> {
    const body = Buffer.from(bucketCorsXml(this.settings.corsOrigins?.() ?? []));
    try {
      // the minio client has no CORS call: the S3 request it would make (PutBucketCors wants Content-MD5)
      await this.client.makeRequestAsyncOmit(
        {
          method: 'PUT',
          bucketName: this.bucket,
          query: 'cors',
          headers: { 'Content-MD5': createHash('md5').update(body).digest('base64') },
        },
        body,
        [200],
      );
    } catch (e) {
      // MinIO has no per-bucket CORS: it answers every origin itself (MINIO_API_CORS_ALLOW_ORIGIN)
      const code = (e as { code?: string }).code;
      if (code !== 'NotImplemented' && code !== 'MethodNotAllowed') throw e;
    }
  }

  private async allowPublicRead(prefix: string): Promise<void> {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['s3:GetObject'],
          Resource: [`arn:aws:s3:::${this.bucket}/${prefix}*`],
        },
      ],
    };
    try {
      await this.client.setBucketPolicy(this.bucket, JSON.stringify(policy));
    } catch (e) {
      // s3rver has no policies and serves every object anonymously anyway
      const code = (e as { code?: string }).code;
      if (code !== 'NotImplemented' && code !== 'MethodNotAllowed') throw e;
    }
  }

  /** Anonymous URL of an object (playlists and segments are public; only the AES key is guarded). */
  publicUrl(key: string): string {
    const base = (
      this.settings.publicBaseUrl ?? `${this.settings.endpoint.replace(/\/+$/, '')}/${this.bucket}`
    ).replace(/\/+$/, '');
    return `${base}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async put(key: string, body: Buffer | string, contentType = 'application/octet-stream'): Promise<void> {
    await this.client.putObject(this.bucket, key, body, undefined, { 'Content-Type': contentType });
  }

  async putFile(key: string, path: string, contentType = 'application/octet-stream'): Promise<void> {
    const { size } = await stat(path);
    await this.putStream(key, createReadStream(path), size, contentType);
  }

  /**
   * Streams `size` bytes into one PUT through a presigned URL, so a large upload never sits in memory (the minio
   * client buffers a whole part before sending it). Rejects if the stream does not deliver exactly `size` bytes.
   */
  async putStream(key: string, body: Readable, size: number, contentType = 'application/octet-stream'): Promise<void> {
    const url = new URL(await this.client.presignedPutObject(this.bucket, key, 3600));
    const transport = url.protocol === 'https:' ? https : http;
    await new Promise<void>((resolve, reject) => {
      const req = transport.request(
        url,
        { method: 'PUT', headers: { 'Content-Length': String(size), 'Content-Type': contentType } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode && res.statusCode < 300) resolve();
            else {
              reject(
                new StorageError(
                  `PUT ${key} answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
                ),
              );
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      // A body that ends early would leave the server waiting for the missing bytes: abort instead.
      let sent = 0;
      body.on('data', (c: Buffer) => {
        sent += c.length;
        if (sent > size) body.destroy(new StorageError(`${key}: body is longer than the declared ${size} bytes`));
      });
      body.on('end', () => {
        if (sent < size) {
          req.destroy(new StorageError(`${key}: body ended after ${sent} of the declared ${size} bytes`));
        }
      });
      body.on('error', (e) => req.destroy(e));
      body.pipe(req);
    });
  }

  async get(key: string): Promise<Buffer> {
    const s = await this.client.getObject(this.bucket, key);
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async download(key: string, path: string): Promise<void> {
    await this.client.fGetObject(this.bucket, key, path);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.sizeOf(key)) !== null;
  }

  /** Bytes of an object, or null when there is none under the key. */
  async sizeOf(key: string): Promise<number | null> {
    try {
      return (await this.client.statObject(this.bucket, key)).size;
    } catch (e) {
      if ((e as { code?: string }).code === 'NotFound' || (e as { code?: string }).code === 'NoSuchKey') return null;
      throw e;
    }
  }

  presignedGet(key: string, expirySeconds = 3600): Promise<string> {
    return this.client.presignedGetObject(this.bucket, key, expirySeconds);
  }

  presignedPut(key: string, expirySeconds = 3600): Promise<string> {
    return this.client.presignedPutObject(this.bucket, key, expirySeconds);
  }

  async list(prefix: string): Promise<Array<{ key: string; size: number }>> {
    const out: Array<{ key: string; size: number }> = [];
    // minio types the stream's items only on its `data` events: name them here.
    for await (const o of this.client.listObjectsV2(this.bucket, prefix, true) as AsyncIterable<BucketItem>) {
      if (o.name) out.push({ key: o.name, size: o.size });
    }
    return out;
  }

  /** Deletes every object under `prefix`; returns how many. */
  async deletePrefix(prefix: string): Promise<number> {
    if (!prefix) throw new StorageError('refusing to delete the whole bucket (empty prefix)');
    const keys = (await this.list(prefix)).map((o) => o.key);
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.removeObjects(this.bucket, keys.slice(i, i + 1000));
    }
    return keys.length;
  }

  async delete(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }
}

export class StorageError extends Error {}
