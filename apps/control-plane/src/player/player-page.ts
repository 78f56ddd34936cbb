// The minimal player: hls.js plays the master playlist straight from object storage; the AES key comes from the
// key server with the playback token, which travels in the URL fragment (never sent to a server or logged).
export function playerPage(assetId: string): string {
  const id = JSON.stringify(assetId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Player</title>
<style>
  body { margin: 0; background: #111; color: #eee; font: 14px system-ui, sans-serif; }
  video { display: block; width: 100%; max-height: 90vh; background: #000; }
  #status { padding: 8px 12px; }
  #levels button { margin: 4px; }
</style>
</head>
<body>
<video id="video" controls playsinline muted></video>
<div id="status">loading…</div>
<div id="levels"></div>
<script src="/player/hls.js"></script>
<script>
(function () {
  var assetId = ${id};
  var params = new URLSearchParams(location.hash.slice(1));
  var token = params.get('token');
  var src = params.get('src');
  var video = document.getElementById('video');
  var status = document.getElementById('status');
  window.playerState = { levelSwitched: [], fragLevels: [], errors: [] };
  if (!token || !src) { status.textContent = 'open this page from the playback link (it carries a token)'; return; }
  if (!window.Hls || !Hls.isSupported()) { status.textContent = 'this browser cannot play HLS with Media Source Extensions'; return; }
  var hls = new Hls({
    xhrSetup: function (xhr, url) {
      // only the key server gets the token; object storage must not see it
      if (url.indexOf('/api/keys/' + assetId) !== -1) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    }
  });
  window.hls = hls;
  hls.on(Hls.Events.MANIFEST_PARSED, function (_e, data) {
    var box = document.getElementById('levels');
    data.levels.forEach(function (l, i) {
      var b = document.createElement('button');
      b.textContent = l.height ? l.height + 'p' : Math.round(l.bitrate / 1000) + ' kb/s';
      b.onclick = function () { hls.currentLevel = i; };
      box.appendChild(b);
    });
    video.play().catch(function () {});
  });
  hls.on(Hls.Events.LEVEL_SWITCHED, function (_e, d) { window.playerState.levelSwitched.push(d.level); status.textContent = 'level ' + d.level; });
  hls.on(Hls.Events.FRAG_CHANGED, function (_e, d) { window.playerState.fragLevels.push({ level: d.frag.level, sn: d.frag.sn }); });
  hls.on(Hls.Events.ERROR, function (_e, d) {
    window.playerState.errors.push(d.details + (d.fatal ? ' (fatal)' : ''));
    if (d.fatal) status.textContent = 'playback error: ' + d.details;
  });
  hls.loadSource(src);
  hls.attachMedia(video);
})();
</script>
</body>
</html>
`;
}
