import { randomBytes } from 'node:crypto';

// AES-128 HLS: one 16-byte key per asset (or live event), kept in the database and served by the key server.
// ffmpeg 5.1 encrypts MPEG-TS segments itself from a key info file; the key file it names lives only in the job's
// temp dir and is never uploaded.

export const HLS_KEY_BYTES = 16;

export function newHlsKey(): Buffer {
  return randomBytes(HLS_KEY_BYTES);
}

/**
 * Content of ffmpeg's `-hls_key_info_file`: the URI players fetch the key from (written into every playlist's
 * EXT-X-KEY), the local path of the key file, and optionally a fixed IV (hex); without it ffmpeg uses the segment
 * sequence number as IV, as the HLS spec allows.
 */
export function hlsKeyInfo(keyUri: string, keyFilePath: string, ivHex?: string): string {
  if (/[\r\n]/.test(keyUri) || /[\r\n]/.test(keyFilePath)) throw new Error('key URI and key path must be single lines');
  return [keyUri, keyFilePath, ...(ivHex ? [ivHex] : [])].join('\n') + '\n';
}
