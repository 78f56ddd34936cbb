import { confinedInput } from './confined-input';
import { FfmpegCommand } from './ffmpeg-command';
import { SourceInfo } from './source-info';

/** A JPEG poster from a frame a little into the video (the first frame is often black), at most 1280 px wide. */
export function buildPosterCommand(input: string, output: string, source: SourceInfo, maxWidth = 1280): FfmpegCommand {
  const local = confinedInput(input, source.formatName);
  const at = Math.min(Math.max(source.durationS * 0.1, 0), 10);
  return {
    inputs: [{ path: local.path, options: ['-ss', at.toFixed(3), ...local.options] }],
    outputOptions: [
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      `scale='min(${maxWidth},iw)':-2`,
      '-q:v',
      '3',
      '-f',
      'image2',
    ],
    output,
  };
}
