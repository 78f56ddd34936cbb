import ffmpeg from 'fluent-ffmpeg';
import { FfmpegCommand } from './ffmpeg-command';

export interface RunOptions {
  /** Length of the media being produced, to turn ffmpeg's time= into a percentage. */
  durationS?: number;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

export class FfmpegFailedError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }

  /** ffmpeg refused the input's data itself: the file's fault, which no retry mends (disk or a kill may pass). */
  get inputIsDamaged(): boolean {
    return /Invalid data found|corrupt|Error while decoding|moov atom/i.test(this.stderr);
  }
}

/** Runs FfmpegCommands. The only place that knows fluent-ffmpeg (archived upstream, so kept replaceable). */
export interface MediaRunner {
  run(cmd: FfmpegCommand, opts?: RunOptions): Promise<void>;
}

function timemarkSeconds(t: string): number {
  const m = /^(-?\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(t);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
}

export class FluentFfmpegRunner implements MediaRunner {
  constructor(private readonly ffmpegPath = process.env.FFMPEG_PATH || 'ffmpeg') {}

  run(cmd: FfmpegCommand, opts: RunOptions = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const c = ffmpeg().setFfmpegPath(this.ffmpegPath);
      for (const i of cmd.inputs) {
        c.input(i.path);
        // spread form: fluent-ffmpeg would split array items that contain one space (e.g. -var_stream_map values)
        if (i.options.length) c.inputOptions(...(i.options.length > 1 ? i.options : [...i.options, '-nostdin']));
      }
      c.outputOptions(...cmd.outputOptions, '-hide_banner').output(cmd.output);
      let last = -1;
      c.on('progress', (p: { timemark?: string }) => {
        if (!opts.onProgress || !opts.durationS || !p.timemark) return;
        const pct = Math.max(0, Math.min(100, Math.floor((timemarkSeconds(p.timemark) / opts.durationS) * 100)));
        if (pct > last) {
          last = pct;
          opts.onProgress(pct);
        }
      });
      const onAbort = () => c.kill('SIGKILL');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      c.on('error', (err: Error, _stdout: string | null, stderrOrNull: string | null) => {
        const stderr = stderrOrNull ?? '';
        opts.signal?.removeEventListener('abort', onAbort);
        reject(new FfmpegFailedError(`ffmpeg failed: ${err.message.split('\n')[0]}`, stderr));
      });
      c.on('end', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      c.run();
    });
  }
}
