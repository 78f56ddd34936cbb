import { HLS_KEY_BYTES } from '#media';

/** Where a worker gets the AES-128 key of an asset. Keys live in the control plane's database only. */
export interface HlsKeySource {
  keyFor(assetId: string): Promise<Buffer>;
}

/** Asks the control plane's internal endpoint, authenticated with the shared internal API token. */
export class ControlPlaneKeySource implements HlsKeySource {
  constructor(
    private readonly baseUrl: string,
    private readonly internalToken: string,
  ) {}

  async keyFor(assetId: string): Promise<Buffer> {
    const res = await fetch(
      `${this.baseUrl.replace(/\/+$/, '')}/api/internal/media/assets/${encodeURIComponent(assetId)}/key`,
      {
        headers: { authorization: `Bearer ${this.internalToken}` },
      },
    );
    if (res.status === 404) throw new AssetGoneError(assetId);
    if (!res.ok) throw new Error(`key endpoint answered ${res.status} for asset ${assetId}`);
    const key = Buffer.from(await res.arrayBuffer());
    if (key.length !== HLS_KEY_BYTES) {
      throw new Error(`key endpoint returned ${key.length} bytes, expected ${HLS_KEY_BYTES}`);
    }
    return key;
  }
}

/** The asset was deleted while its job waited: nothing to do, and nothing to retry. */
export class AssetGoneError extends Error {
  constructor(assetId: string) {
    super(`asset ${assetId} no longer exists`);
  }
}
