// How ffmpeg and ffprobe open an uploaded source: as a local file and nothing else. The protocol whitelist is
// inherited by every file a demuxer opens on its own (HLS segments, concat entries, MP4 data references), so none
// of them reaches the network; ffmpeg is also told the demuxer the probe chose, so it cannot guess another one.

/** ffprobe's options before a local source. */
export const LOCAL_FILE_ONLY = ['-protocol_whitelist', 'file'];

/**
 * The demuxer to force for a probed source: the first name of ffprobe's format_name ("mov,mp4,m4a,3gp,3g2,mj2" ->
 * "mov"). format_name is one demuxer's list of names, and `-f` accepts any of them.
 */
export function demuxerOf(formatName: string): string {
  const name = formatName.split(',')[0]?.trim();
  if (!name || !/^[\w-]+$/.test(name)) throw new Error(`not a demuxer name: ${JSON.stringify(formatName)}`);
  return name;
}

/** ffmpeg's input for an uploaded source that ffprobe read as `formatName`. */
export function confinedInput(path: string, formatName: string): { path: string; options: string[] } {
  return { path, options: [...LOCAL_FILE_ONLY, '-f', demuxerOf(formatName)] };
}
