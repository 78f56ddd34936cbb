// node-media-server 4 internals this project relies on (it ships no types).
export interface NmsPacket {
  codec_type: number;
  flags: number;
  dts: number;
}

export interface NmsBroadcast {
  subscribers: Map<string, { close(): void }>;
  publishGraceMs: number;
  rtmpGopCache: Set<Buffer> | null;
  broadcastMessage(p: NmsPacket): void;
  keepsStart?: boolean;
}

/** Until a worker pulls the stream, keep everything from the first keyframe (not just the last GOP), for at most this long. */
const KEEP_START_MS = 20_000;

/**
 * node-media-server hands a new player the last GOP only. The live worker connects a second or two after the
 * publish starts, so until it does, keyframes do not reset that cache: the recording then starts with the stream's
 * first frame, not a later GOP. (Flag 3 is a keyframe, 4 an inter frame: only the cache handling reads them.)
 */
export function keepStreamStart(b: NmsBroadcast): void {
  if (b.keepsStart) return;
  b.keepsStart = true;
  const forward = b.broadcastMessage.bind(b);
  let since: number | null = null;
  b.broadcastMessage = (p: NmsPacket) => {
    if (p.flags === 3 && b.subscribers.size === 0 && b.rtmpGopCache !== null) {
      since ??= Date.now();
      if (Date.now() - since < KEEP_START_MS) {
        p.flags = 4; // appended to the cache, not a reset
        forward(p);
        p.flags = 3;
        return;
      }
    }
    if (b.subscribers.size > 0) since = null;
    forward(p);
  };
}
