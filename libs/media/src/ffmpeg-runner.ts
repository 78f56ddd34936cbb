import { spawn } from 'node:child_process';
import { FfmpegCommand, toArgv } from './ffmpeg-command';
import { mediaToolEnv } from './media-tool-env';
import { withoutServerPaths } from './server-paths';

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

/** Runs FfmpegCommands (the VOD ladder, the poster): jobs that end. */
export interface MediaRunner {
  run(cmd: FfmpegCommand, opts?: RunOptions): Promise<void>;
}

function timemarkSeconds(t: string): number {
  const m = /^(-?\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(t);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
}

// ffmpeg's status line, written with \r as it goes: `frame=  48 fps=0.0 ... time=00:00:01.92 bitrate=...`
const TIMEMARK = /time=\s*(-?\d+:\d+:\d+(?:\.\d+)?)/g;
const STDERR_KEPT = 64 * 1024;

/**
 * Runs ffmpeg itself (a child process with the minimal environment of mediaToolEnv, no stdin), reporting progress
 * from its status line. The error of a failed run names no path of the server; its stderr is kept whole.
 */
export class FfmpegRunner implements MediaRunner {
  constructor(private readonly ffmpegPath = process.env.FFMPEG_PATH || 'ffmpeg') {}

  run(cmd: FfmpegCommand, opts: RunOptions = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new Error('ffmpeg was aborted before it started'));
      const child = spawn(this.ffmpegPath, ['-nostdin', ...toArgv(cmd)], {
        env: mediaToolEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      let last = -1;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_KEPT);
        if (!opts.onProgress || !opts.durationS) return;
        const marks = [...chunk.matchAll(TIMEMARK)];
        if (!marks.length) return;
        const at = timemarkSeconds(marks[marks.length - 1][1]);
        const pct = Math.max(0, Math.min(100, Math.floor((at / opts.durationS) * 100)));
        if (pct > last) {
          last = pct;
          opts.onProgress(pct);
        }
      });
      const onAbort = () => child.kill('SIGKILL');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const fail = (why: string) => {
        opts.signal?.removeEventListener('abort', onAbort);
        reject(new FfmpegFailedError(`ffmpeg failed: ${withoutServerPaths(why)}`, stderr));
      };
      child.once('error', (e) => fail(e.message));
      child.once('close', (code, signal) => {
        if (code === 0) {
          opts.signal?.removeEventListener('abort', onAbort);
          return resolve();
        }
        const lastLine =
          stderr
            .trim()
            .split(/[\r\n]+/)
            .pop() ?? '';
        fail(
          signal ? `ffmpeg was killed with ${signal}` : `ffmpeg exited with code ${code}: ${lastLine.slice(0, 300)}`,
        );
      });
    });
  }
}
