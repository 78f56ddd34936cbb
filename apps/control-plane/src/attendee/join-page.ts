import { scriptJson } from './html-escape';

// The attendee page behind a join link: static HTML and one script. It reads the join info from the API, asks an
// admission node for a seat over Socket.io, and plays with hls.js, sending the playback token only to the key server.
// The token is the only server value in the page (as JSON inside the script, escaped); everything the API returns is
// put into the page with textContent.
export function joinPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Join the webcast</title>
<style>
  body { margin: 0 auto; max-width: 60rem; padding: 1rem; background: #111; color: #eee; font: 15px/1.5 system-ui, sans-serif; }
  video { display: block; width: 100%; max-height: 70vh; background: #000; margin: .5rem 0; }
  #status { font-weight: 600; }
  .muted { color: #aaa; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<h1 id="title">Joining…</h1>
<p class="muted"><span id="who"></span> <span id="schedule"></span></p>
<p>Status: <span id="status" data-status="loading">loading</span> <span id="detail"></span></p>
<p>Viewers: <span id="viewers">–</span></p>
<video id="video" controls playsinline muted hidden></video>
<noscript>This page needs JavaScript to admit you and play the webcast.</noscript>
<script src="/attendee/socket.io.js"></script>
<script src="/attendee/hls.js"></script>
<script>
(function () {
  var token = ${scriptJson(token)};
  var $ = function (id) { return document.getElementById(id); };
  var state = window.attendeeState = { status: 'loading', tier: null, phase: null, viewers: null, reason: null, message: null, tokenRefreshes: 0, errors: [] };
  var playbackToken = null, info = null, hls = null, socket = null;

  function show(status, detail) {
    state.status = status;
    $('status').textContent = status;
    $('status').setAttribute('data-status', status);
    $('detail').textContent = detail || '';
  }
  function refuse(reason, message) {
    state.reason = reason; state.message = message;
    show('refused', (reason ? reason + ': ' : '') + (message || ''));
    stopPlayback();
  }
  function deviceId() {
    var id = null;
    try { id = localStorage.getItem('webcast.deviceId'); } catch (e) {}
    if (!id) {
      id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : 'd-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
      try { localStorage.setItem('webcast.deviceId', id); } catch (e) {}
    }
    return id;
  }
  function stopPlayback() {
    if (hls) { hls.destroy(); hls = null; }
    $('video').hidden = true;
  }

  function masterFor(phase) {
    var p = info.playback;
    if (phase === 'live') return p.liveMasterUrl || p.masterUrl;
    if (phase === 'on-demand') return p.replayMasterUrl || p.masterUrl;
    return p.masterUrl;
  }
  function play(phase) {
    var src = masterFor(phase);
    if (!src) {
      // the stream has not produced its first playlist yet: ask again shortly
      $('detail').textContent = 'waiting for the stream…';
      setTimeout(function () { loadInfo().then(function () { if (state.status === 'admitted' && !hls) play(phase); }); }, 2000);
      return;
    }
    if (!window.Hls || !Hls.isSupported()) { $('detail').textContent = 'this browser cannot play HLS with Media Source Extensions'; return; }
    var video = $('video');
    video.hidden = false;
    hls = new Hls({
      xhrSetup: function (xhr, url) {
        // only the key server gets the playback token; object storage never sees it
        if (url.indexOf('/api/keys/') !== -1 && playbackToken) xhr.setRequestHeader('Authorization', 'Bearer ' + playbackToken);
      }
    });
    window.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, function () { video.play().catch(function () {}); });
    hls.on(Hls.Events.ERROR, function (_e, d) {
      state.errors.push(d.details + (d.fatal ? ' (fatal)' : ''));
      if (!d.fatal) return;
      if (d.type === Hls.ErrorTypes.NETWORK_ERROR && state.status === 'admitted') {
        // a live master playlist appears a few seconds after go-live: retry while the seat is held
        var h = hls;
        setTimeout(function () { if (hls === h) h.loadSource(src); }, 2000);
      } else if (d.type === Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
      }
    });
    hls.loadSource(src);
    hls.attachMedia(video);
  }

  function connect() {
    var urls = info.admissionUrls;
    var url = urls[Math.floor(Math.random() * urls.length)];
    show('connecting');
    socket = io(url, { transports: ['websocket'], auth: { token: token, eventId: info.eventId, deviceId: deviceId() } });
    window.attendeeSocket = socket;
    socket.on('connect_error', function (err) {
      if (err && err.data && err.data.reason) refuse(err.data.reason, err.data.message);
      else show('connecting', 'admission unreachable, retrying…');
    });
    socket.on('decision', function (d) {
      if (d.status === 'admitted') {
        state.tier = d.tier; state.phase = d.phase;
        playbackToken = d.playbackToken;
        show('admitted', 'tier ' + d.tier + (d.phase === 'on-demand' ? ' (on demand)' : ' (live)'));
        if (!hls) play(d.phase);
      } else if (d.status === 'waiting') {
        show('waiting', 'position ' + d.position + ' in the waiting room');
      } else if (d.status === 'ended') {
        show('ended', d.message || 'this event has ended'); stopPlayback();
      } else {
        refuse(d.reason, d.message);
      }
    });
    socket.on('position', function (p) { if (state.status === 'waiting') $('detail').textContent = 'position ' + p.position + ' in the waiting room'; });
    socket.on('playback-token', function (p) { playbackToken = p.playbackToken; state.tokenRefreshes++; });
    socket.on('viewers', function (v) { state.viewers = v.viewers; $('viewers').textContent = String(v.viewers); });
    socket.on('lost', function (l) { show('lost', l.message || 'your seat lapsed'); stopPlayback(); });
    socket.on('ended', function (e) { show('ended', e.message || 'this event has ended'); stopPlayback(); });
  }

  function loadInfo() {
    return fetch('/api/public/join/' + encodeURIComponent(token), { headers: { accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { refuse('link-' + r.status, body.message || 'this join link cannot be used'); throw new Error('refused'); }
        info = body;
        $('title').textContent = body.title;
        document.title = body.title;
        $('who').textContent = 'Welcome, ' + body.registrantName + '.';
        $('schedule').textContent = (body.mode === 'live' ? 'Live' : 'On demand') + ', ' + new Date(body.startsAt).toLocaleString() + ' – ' + new Date(body.endsAt).toLocaleString() + ' (' + body.state + ')';
        return body;
      });
    });
  }

  if (typeof io !== 'function') { refuse('client', 'the Socket.io client did not load'); return; }
  loadInfo().then(function (body) {
    if (body.state === 'cancelled') { show('ended', 'this event was cancelled'); return; }
    connect();
  }).catch(function (e) { if (state.status !== 'refused') refuse('network', String(e && e.message || e)); });
})();
</script>
</body>
</html>
`;
}
