/**
 * #media — every ffmpeg and ffprobe invocation of the platform (VOD, live, poster, probe) and the HLS pieces both
 * workers share. Builders are pure (an FfmpegCommand or an argv, unit-tested without ffmpeg); runners are the only
 * code that starts ffmpeg or ffprobe.
 *
 * Probe
 * - probeArgs(target, { inputTimeoutMs? }), probeSourceArgs(path) (pure); probeSource(path) -> SourceInfo;
 *   probeLiveSource(url, timeoutMs) -> LiveSource. parseProbe(json), parseLiveProbe(json), describeProbeFailure(stderr),
 *   describeNestedReference(stderr), avcCodecStringOf(profile, level) (pure); UnplayableMediaError(reason) for files
 *   that are not media, or that refer to other files or addresses (playlists, concat lists, MP4 data references).
 * Confinement (uploads are anyone's files)
 * - confinedInput(path, formatName): ffmpeg reads the upload as a local file (-protocol_whitelist file) with the
 *   probed demuxer (demuxerOf); mediaToolEnv(): the only environment ffmpeg and ffprobe get (no secrets);
 *   withoutServerPaths(text): messages of ffmpeg made fit for the uploader (no absolute paths, no file: URLs).
 * Ladders
 * - chooseLadder(source) -> Ladder (VOD): never upscales; audio-only, video-only, odd sizes, rotation, VFR.
 *   STANDARD_RUNGS, avcCodecString(profile, level).
 * - chooseLiveLadder(source, rungsFor([720, 480, 360])) -> LiveLadder: the source passed through on top when H.264.
 * Commands (one file per kind of output)
 * - buildVodHlsCommand({ input, outDir, ladder, segmentSeconds, keyInfoFile }): one decode, cascaded scaling, N x264
 *   encodes with keyframes forced at the same instants, AES-128 MPEG-TS segments in <outDir>/<rung>/.
 *   renditionNames(ladder) gives the <rung> folder names; cascadeFilterGraph(ladder) the scaling graph alone.
 * - buildLiveHlsCommand({ input, outDir, ladder, segmentSeconds, keyInfoFile, runId, preset, inputTimeoutMs }):
 *   pulls the published stream, passthrough + transcoded rungs, ffmpeg's own playlist FFMPEG_PLAYLIST per rung.
 * - buildPosterCommand(input, output, source).
 * - FfmpegCommand + toArgv(cmd).
 * Runners
 * - MediaRunner / FfmpegRunner.run(cmd, { durationS, onProgress, signal }) for jobs that end (VOD, poster);
 *   FfmpegFailedError(stderr, inputIsDamaged).
 * - spawnTetheredFfmpeg(argv) for a live stream: ffmpeg dies with its worker, stop() lets it finish its segment.
 * HLS (the job contracts live in #contracts)
 * - newHlsKey(), hlsKeyInfo(keyUri, keyPath, iv?) -> the -hls_key_info_file content.
 * - buildMasterPlaylist(variants), parseMediaPlaylist(text), measureBandwidth(segments): master playlist with
 *   BANDWIDTH (measured peak), AVERAGE-BANDWIDTH, RESOLUTION, CODECS.
 * - Live recordings: renderMediaPlaylist(segments, o), liveMasterPlaylist(ladder, recorded, playlist, measured),
 *   closeLiveRecording(c) -> the playlists (ENDLIST) and the result that close a recording, by its worker or after
 *   its job failed for good.
 */
export * from './source-info';
export * from './live-source';
export * from './ffprobe';
export * from './hls-ladder';
export * from './live-ladder';
export * from './ffmpeg-command';
export * from './hls-encryption';
export * from './vod-hls-command';
export * from './live-hls-command';
export * from './poster-command';
export * from './master-playlist';
export * from './ffmpeg-runner';
export * from './confined-input';
export * from './media-tool-env';
export * from './server-paths';
export * from './tethered-ffmpeg';
export * from './live-recording';
