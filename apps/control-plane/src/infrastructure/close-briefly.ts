/**
 * After Redis went away and came back, BullMQ's close() can wait for a connection state that never comes.
 * Shutdown hooks give each close a moment, then go on (dropping the connections they own).
 */
export function closeBriefly(closing: Promise<unknown> | undefined, ms = 2000): Promise<unknown> {
  return Promise.race([closing?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}
