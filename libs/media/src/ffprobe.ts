import { execFile } from 'node:child_process';
import { LOCAL_FILE_ONLY } from './confined-input';
import { LiveSource, parseLiveProbe } from './live-source';
import { mediaToolEnv } from './media-tool-env';
import {
  SourceInfo,
  UnplayableMediaError,
  describeNestedReference,
  describeProbeFailure,
  parseProbe,
} from './source-info';

/**
 * ffprobe's arguments for the format and every stream of a file or a stream URL, as JSON. `inputTimeoutMs` bounds
 * how long it waits for data from a network input (a live stream that has not started yet).
 */
export function probeArgs(target: string, o: { inputTimeoutMs?: number } = {}): string[] {
  return [
    '-v',
    'error',
    ...(o.inputTimeoutMs ? ['-rw_timeout', String(o.inputTimeoutMs * 1000)] : []),
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    target,
  ];
}

/**
 * ffprobe's arguments for an uploaded file: read as a local file only, and with warnings on stderr, where the
 * demuxers say that the file refers to others (an MP4's skipped data reference is only a warning).
 */
export function probeSourceArgs(path: string): string[] {
  return ['-v', 'warning', ...LOCAL_FILE_ONLY, ...probeArgs(path).slice(2)];
}

interface FfprobeOutcome {
  error: (Error & { code?: string | number | null; killed?: boolean }) | null;
  stdout: string;
  stderr: string;
}

function execFfprobe(
  ffprobePath: string,
  args: string[],
  o: { timeoutMs: number; maxBuffer: number },
): Promise<FfprobeOutcome> {
  return new Promise((resolve) => {
    execFile(
      ffprobePath,
      args,
      { maxBuffer: o.maxBuffer, timeout: o.timeoutMs, env: mediaToolEnv() },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
}

/**
 * Probes an uploaded file. Throws UnplayableMediaError when the file is not media, or refers to other files or
 * addresses; other errors are the machine's. No reason names a path of the server.
 */
export async function probeSource(path: string, ffprobePath = 'ffprobe'): Promise<SourceInfo> {
  const { error, stdout, stderr } = await execFfprobe(ffprobePath, probeSourceArgs(path), {
    timeoutMs: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (error) {
    if (error.code === 'ENOENT') throw new Error(`ffprobe not found at ${ffprobePath}`);
    if (error.killed) throw new Error('ffprobe timed out');
    throw new UnplayableMediaError(describeProbeFailure(stderr));
  }
  const nested = describeNestedReference(stderr);
  if (nested) throw new UnplayableMediaError(nested);
  try {
    return parseProbe(JSON.parse(stdout) as Parameters<typeof parseProbe>[0]);
  } catch (e) {
    throw e instanceof UnplayableMediaError ? e : new UnplayableMediaError(describeProbeFailure(stderr));
  }
}

/** Probes the stream a presenter publishes (through ingest), waiting at most `timeoutMs` for it. */
export async function probeLiveSource(url: string, timeoutMs: number, ffprobePath = 'ffprobe'): Promise<LiveSource> {
  const { error, stdout, stderr } = await execFfprobe(ffprobePath, probeArgs(url, { inputTimeoutMs: timeoutMs }), {
    timeoutMs: timeoutMs + 5000,
    maxBuffer: 4 * 1024 * 1024,
  });
  if (error) {
    throw new Error(`could not probe the live stream ${url}: ${stderr.trim().split('\n').pop() || error.message}`);
  }
  try {
    return parseLiveProbe(JSON.parse(stdout) as Parameters<typeof parseLiveProbe>[0]);
  } catch (e) {
    throw new Error(`the live stream ${url} is not playable: ${(e as Error).message}`, { cause: e });
  }
}
