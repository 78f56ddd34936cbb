import { execFile } from 'node:child_process';
import { SourceInfo, UnplayableMediaError, describeProbeFailure, parseProbe } from './source-info';

/** Probes a local file. Throws UnplayableMediaError when the file is not media; other errors are the machine's. */
export function probeSource(path: string, ffprobePath = 'ffprobe'): Promise<SourceInfo> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  return new Promise((resolve, reject) => {
    execFile(ffprobePath, args, { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new Error(`ffprobe not found at ${ffprobePath}`));
        }
        if (err.killed) return reject(new Error('ffprobe timed out'));
        return reject(new UnplayableMediaError(describeProbeFailure(stderr)));
      }
      try {
        resolve(parseProbe(JSON.parse(stdout)));
      } catch (e) {
        reject(e instanceof UnplayableMediaError ? e : new UnplayableMediaError(describeProbeFailure(stderr)));
      }
    });
  });
}
