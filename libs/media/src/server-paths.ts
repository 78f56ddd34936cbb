// ffmpeg and ffprobe name the files they read in their messages (`/var/tmp/vod-1a2b/source: Invalid data...`), and
// those messages end up in reasons shown to the user who uploaded the file: the server's paths stay out of them.

// A file: URL, or an absolute path: a `/` that starts a word and is followed by a path character; it ends before a
// colon, which ffmpeg puts after a name (`/tmp/x: No such file`).
const SERVER_PATH = /\bfile:(?:\/\/)?[^\s'"`,;:)\]]+|(?<![\w.:/-])\/[\w.@%+~-][^\s'"`,;:)\]]*/g;

/** `text` with every absolute path and file: URL replaced by "the file". */
export function withoutServerPaths(text: string): string {
  return text.replace(SERVER_PATH, 'the file');
}
