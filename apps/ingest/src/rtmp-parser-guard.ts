// node-media-server 4 parses RTMP in its sockets' data handlers without a try: one malformed command (a connect whose
// tcUrl is no URL, a publish without a stream name) throws there and takes the whole ingest down with every stream on
// it. Its parser already reports errors by returning them, and the session then logs the error and closes that one
// connection: here a throw becomes such an error.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS package without types */
const Rtmp = require('node-media-server/src/protocol/rtmp.js') as {
  prototype: { parserData: (this: unknown, buffer: Buffer) => string | null; guarded?: boolean };
};
/* eslint-enable @typescript-eslint/no-require-imports */

export function guardRtmpParser(): void {
  const proto = Rtmp.prototype;
  if (proto.guarded) return;
  proto.guarded = true;
  const parse = proto.parserData;
  proto.parserData = function (this: unknown, buffer: Buffer): string | null {
    try {
      return parse.call(this, buffer);
    } catch (e) {
      return `malformed RTMP input (${(e as Error).message})`;
    }
  };
}
