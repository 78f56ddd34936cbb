import { sessionStore } from '../auth/session-store';
import { toApiError } from './api-error';

// Sending a file with byte progress: fetch() reports no upload progress, XMLHttpRequest does (upload.onprogress).

export interface UploadProgress {
  loaded: number;
  total: number;
}

export class UploadNetworkError extends Error {}

/**
 * PUTs `file` to `url` and reports bytes sent. With `bearer`, the request carries the access token (the API's own
 * upload endpoint); a presigned object-storage URL carries its signature and must not get the token.
 */
export function putWithProgress(
  url: string,
  file: Blob,
  onProgress: (p: UploadProgress) => void,
  { bearer = false, signal }: { bearer?: boolean; signal?: AbortSignal } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    if (bearer) {
      const token = sessionStore.token();
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
    }
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve();
        return;
      }
      if (bearer && xhr.status === 401 && sessionStore.get()) sessionStore.end('expired');
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // object storage answers XML: the status alone speaks
      }
      reject(toApiError(xhr.status, body));
    };
    // no status at all: storage unreachable from this browser, or refused by CORS
    xhr.onerror = () => reject(new UploadNetworkError(`the upload to ${new URL(url, location.href).host} failed`));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
