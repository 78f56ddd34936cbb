import { ChildProcess, spawn } from 'node:child_process';
import { mediaToolEnv } from './media-tool-env';

// ffmpeg must not outlive its worker: a worker killed with SIGKILL cannot stop its child, and an orphaned ffmpeg
// would keep pulling the stream and burning CPU while another worker resumes. A tiny shell holds ffmpeg on a leash:
// it waits for a line (or end of file) on its stdin, which is a pipe from the worker, and then sends ffmpeg
// SIGTERM (ffmpeg then finishes its current segment and playlist). If the worker dies, the pipe closes.
// Once transcoding runs, ffmpeg's first signal only ends its main loop, which may sit in a blocking read of a silent
// RTMP stream; the second one interrupts that read. (A third would make it exit without writing its trailer.)
const LEASH =
  'exec 3<&0; ffmpeg -nostdin "$@" & p=$!; (read _ <&3; kill -TERM $p 2>/dev/null; sleep 0.5; kill -TERM $p 2>/dev/null) & wait $p';

export interface TetheredFfmpeg {
  child: ChildProcess;
  /** Resolves with ffmpeg's exit code once it exited, and the tail of its stderr. */
  exited: Promise<{ code: number | null; stderrTail: string }>;
  /** Asks ffmpeg to finish (SIGTERM: it closes the current segment and playlist). */
  stop(): void;
}

export function spawnTetheredFfmpeg(argv: string[]): TetheredFfmpeg {
  const child = spawn('sh', ['-c', LEASH, 'ffmpeg-leash', ...argv], {
    env: mediaToolEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr.on('data', (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-4000);
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; stderrTail: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, stderrTail: tail }));
    child.once('error', (e) => resolve({ code: -1, stderrTail: e.message }));
  });
  return {
    child,
    exited,
    stop: () => {
      if (child.exitCode === null && child.stdin.writable) child.stdin.end('\n');
    },
  };
}
