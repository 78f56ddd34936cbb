// An ffmpeg invocation as data: built by pure functions, run by the one runner (ffmpeg-runner.ts), and
// printable as a plain argv so a test or a benchmark can read or run it without that runner.
export interface FfmpegCommand {
  inputs: Array<{ path: string; options: string[] }>;
  /** Options placed before the output, after every input. */
  outputOptions: string[];
  output: string;
}

export function toArgv(cmd: FfmpegCommand): string[] {
  return [
    '-hide_banner',
    '-y',
    ...cmd.inputs.flatMap((i) => [...i.options, '-i', i.path]),
    ...cmd.outputOptions,
    cmd.output,
  ];
}
