import { FfmpegCommand, Ladder, buildVodHlsCommand } from '#media';

// PeerTube's way, for comparison: one ffmpeg per rung, each decoding the source itself. The per-rung commands are
// the project's own builder given a one-rung ladder, so encoder settings are identical and only the shape differs.
export function perRungCommands(
  input: string,
  inputFormat: string,
  outDir: string,
  ladder: Ladder,
  segmentSeconds: number,
  keyInfoFile: string,
): FfmpegCommand[] {
  return ladder.video.map((rung) =>
    buildVodHlsCommand({
      input,
      inputFormat,
      outDir,
      ladder: { ...ladder, video: [rung] },
      segmentSeconds,
      keyInfoFile,
    }),
  );
}
