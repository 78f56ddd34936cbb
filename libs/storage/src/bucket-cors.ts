// Browsers talk to the bucket directly: hls.js GETs playlists, segments and posters, and the console PUTs a source
// to a presigned URL. Both are cross-origin from the web app, so the bucket answers CORS for those methods, to the
// web app's origins only (the control plane passes PUBLIC_BASE_URL's and S3_CORS_ORIGINS). The embedded development
// endpoint answers any origin: it listens on loopback and holds nothing but test media.

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The bucket's CORS configuration for these origins (`*` for any). */
export function bucketCorsXml(origins: readonly string[]): string {
  const allowed = origins.length === 0 ? ['*'] : origins;
  return (
    '<CORSConfiguration><CORSRule>' +
    allowed.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('') +
    '<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

/** The embedded endpoint's: any origin. */
export const BUCKET_CORS_XML = bucketCorsXml(['*']);
