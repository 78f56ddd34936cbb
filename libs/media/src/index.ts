/**
 * #media — ffmpeg for on-demand and live HLS. Stable exports (the live transcoder imports these):
 *
 * - probeSource(path) -> SourceInfo; parseProbe(json) (pure); UnplayableMediaError(reason) for files that are not media.
 * - chooseLadder(source) -> Ladder: never upscales; audio-only, video-only, odd sizes, rotation, VFR. STANDARD_RUNGS,
 *   avcCodecString(profile, level).
 * - buildVodHlsCommand({ input, outDir, ladder, segmentSeconds, keyInfoFile }) -> FfmpegCommand: one decode,
 *   cascaded scaling, N x264 encodes with keyframes forced at the same instants, AES-128 MPEG-TS segments in <outDir>/<rung>/.
 *   renditionNames(ladder) gives the <rung> folder names; cascadeFilterGraph(ladder) the scaling graph alone.
 * - newHlsKey(), hlsKeyInfo(keyUri, keyPath, iv?) -> the -hls_key_info_file content.
 * - buildMasterPlaylist(variants), parseMediaPlaylist(text), measureBandwidth(segments): master playlist with
 *   BANDWIDTH (measured peak), AVERAGE-BANDWIDTH, RESOLUTION, CODECS.
 * - buildPosterCommand(input, output, source).
 * - FfmpegCommand + toArgv(cmd); MediaRunner / FluentFfmpegRunner.run(cmd, { durationS, onProgress, signal }).
 * - VOD_QUEUE, VodJobData, VodJobResult: the `vod` BullMQ contract between the control plane and transcoders.
 */
export * from './source-info';
export * from './ffprobe';
export * from './hls-ladder';
export * from './ffmpeg-command';
export * from './hls-encryption';
export * from './vod-hls-command';
export * from './poster-command';
export * from './master-playlist';
export * from './fluent-ffmpeg-runner';
export * from './vod-job-contract';
