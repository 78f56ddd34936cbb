import type { Refusal, RefusalCode } from '#contracts';

// The codes and the shape are part of the admission protocol (#contracts); this is how the node makes one.
export type { Refusal, RefusalCode };

export function refusal(reason: RefusalCode, message: string): Refusal {
  return { reason, message };
}
