// Ingest health of one published stream, from what arrives: bitrate from bytes, frame rate from video frames, and
// dropped frames from gaps in the video timestamps (an encoder that drops frames leaves holes in its timeline).

export interface HealthReport {
  bitrateKbps: number;
  fps: number;
  droppedFrames: number;
  /** Seconds between the last two keyframes (the encoder's GOP); absent until two have arrived. */
  keyframeIntervalS?: number;
}

export class StreamHealth {
  private frames = 0;
  private lastDts: number | null = null;
  private dropped = 0;
  private lastBytes = 0;
  private lastAt: number;
  private lastKeyDts: number | null = null;
  private keyInterval: number | null = null;

  constructor(
    now: number,
    private readonly declaredFps: () => number,
  ) {
    this.lastAt = now;
  }

  /** A video frame with its decode timestamp (ms); `keyframe` when it starts a GOP. */
  frame(dts: number, keyframe = false): void {
    this.frames++;
    if (keyframe) {
      if (this.lastKeyDts !== null && dts > this.lastKeyDts) this.keyInterval = dts - this.lastKeyDts;
      this.lastKeyDts = dts;
    }
    const interval = 1000 / (this.declaredFps() || 30);
    if (this.lastDts !== null) {
      const gap = dts - this.lastDts;
      if (gap > interval * 1.5) this.dropped += Math.round(gap / interval) - 1;
    }
    this.lastDts = dts;
  }

  /** The figures since the previous report; `bytes` is the session's running byte count. */
  report(now: number, bytes: number): HealthReport {
    const seconds = Math.max(0.001, (now - this.lastAt) / 1000);
    const r = {
      bitrateKbps: Math.round(((bytes - this.lastBytes) * 8) / 1000 / seconds),
      fps: Math.round((this.frames / seconds) * 10) / 10,
      droppedFrames: this.dropped,
      ...(this.keyInterval !== null ? { keyframeIntervalS: Math.round(this.keyInterval / 100) / 10 } : {}),
    };
    this.frames = 0;
    this.lastBytes = bytes;
    this.lastAt = now;
    return r;
  }
}
