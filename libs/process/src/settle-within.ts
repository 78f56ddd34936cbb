/**
 * The promise's value, or `fallback` when it fails or takes longer than `ms`. Health checks must answer even when a
 * dependency hangs, and shutdown hooks must go on: after Redis went away and came back, BullMQ's close() can wait for
 * a connection state that never comes.
 */
export function settleWithin<T>(promise: Promise<T> | undefined, fallback: T, ms: number): Promise<T> {
  if (!promise) return Promise.resolve(fallback);
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref()),
  ]);
}

/** A close() given a moment to finish; shutdown goes on either way. */
export function closeBriefly(closing: Promise<unknown> | undefined, ms = 2000): Promise<unknown> {
  return settleWithin(closing, undefined, ms);
}
