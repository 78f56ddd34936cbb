import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while a request is handled carries, wherever in the code it is written. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request being handled here, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
