// ffmpeg and ffprobe read files uploaded by anyone, so they run with an environment of their own: what they need to
// be found and to speak English on stderr (the refusal reasons are matched against it), never the process's own
// environment with its secrets (JWT_SECRET, S3 keys, the internal token).
export function mediaToolEnv(parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { PATH: parent.PATH || '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}
