// Browsers talk to the bucket directly: hls.js GETs playlists, segments and posters, and the console PUTs a source
// to a presigned URL. Both are cross-origin from the web app, so the bucket answers CORS for those methods. Any
// origin: reads are public anyway and a PUT needs a presigned signature.
export const BUCKET_CORS_XML =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>' +
  '<AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>' +
  '<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
