import { escapeHtml } from './html-escape';

// `/`: what this server is and where to go next. The base URL is the only value put into it, escaped.
export function landingPage(baseUrl: string): string {
  const b = escapeHtml(baseUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webcast platform</title>
<style>
  body { margin: 0 auto; max-width: 46rem; padding: 2rem 1rem; font: 16px/1.5 system-ui, sans-serif; color: #222; }
  code { background: #f3f3f3; padding: 0 .25em; }
  li { margin: .3em 0; }
</style>
</head>
<body>
<h1>Webcast platform</h1>
<p>Self-hostable webcasts: organizers schedule events and stream from OBS; attendees register, open their personal
join link and watch live or on demand.</p>
<h2>For operators</h2>
<ul>
  <li><a href="/docs">API documentation (OpenAPI)</a> &mdash; JSON at <a href="/docs-json">/docs-json</a></li>
  <li><a href="/health">Health</a> (database and Redis)</li>
  <li><a href="/metrics">Metrics</a> (Prometheus)</li>
</ul>
<h2>For organizers: getting started</h2>
<ol>
  <li>Sign in through the API: <code>POST ${b}/api/auth/login</code> with <code>{"email": "…", "password": "…"}</code>;
    send the returned <code>accessToken</code> as <code>Authorization: Bearer …</code>. <code>npm start</code> prints demo
    logins (an administrator and an organizer) when it starts.</li>
  <li>Schedule an event: <code>POST /api/events</code>; its public link takes registrations
    (<code>POST /api/public/events/&lt;slug&gt;/registrations</code>), each answered with a personal join link
    <code>${b}/join/&lt;token&gt;</code>.</li>
  <li>Go live from OBS with the settings of <code>GET /api/events/&lt;id&gt;/live</code>, or attach an uploaded video
    (<code>POST /api/media/assets</code>) to an on-demand event.</li>
</ol>
<h2>For attendees</h2>
<p>Open the join link you received when you registered.</p>
</body>
</html>
`;
}
