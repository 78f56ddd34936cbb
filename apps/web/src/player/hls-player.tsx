import { Group, Select, Switch, Text } from '@mantine/core';
import type Hls from 'hls.js';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIMULIVE_AHEAD_TOLERANCE_S } from '#domain';
import { playerShortcut } from './shortcuts';

export type PlayerStatus = 'loading' | 'playing' | 'paused' | 'buffering' | 'waiting-for-stream' | 'unsupported';

export interface HlsPlayerProps {
  /** The master playlist (object storage or the CDN in front of it); null while there is nothing to play yet. */
  src: string | null;
  /**
   * The playback token for the key server, read on every key request: tokens are refreshed while watching, so
   * the player asks for the current one rather than keeping the first.
   */
  keyToken: () => string | null;
  /** The accessible name of the video ("Preview of …", the event's title). */
  label: string;
  /** Live streams: no seeking shortcuts, and a missing playlist is retried (it appears seconds after go-live). */
  live?: boolean;
  /** Starts muted so that autoplay is allowed; the viewer unmutes with the controls or `m`. */
  muted?: boolean;
  /**
   * A simulive broadcast: the position (seconds) every viewer is at now. The player starts there, puts back any
   * seek away from it, and rejoins it after a pause or a stall, as a live broadcast without rewind would.
   */
  broadcastPosition?: () => number;
  onStatus?: (status: PlayerStatus) => void;
  /** The hls.js instance once attached (the live-latency figures and tests read it). */
  onHls?: (hls: Hls | null) => void;
}

const SHORTCUTS_KEY = 'player.shortcuts';
const RETRY_MS = 2000;
/**
 * Live: hold back 1.75 target durations behind the playlist's edge instead of hls.js's three (a segment is named
 * only once it is in storage, so the edge is never ahead of what can be fetched), and catch up by playing up to
 * 10 % faster when a stall or a slow start left the viewer further behind. bench:live measures what this gives:
 * 1.5 was 0.3 s closer and stalled once a minute; 2 did not stall and sat 0.6 s further back.
 */
const LIVE_TUNING = { liveSyncDurationCount: 1.75, maxLiveSyncPlaybackRate: 1.1 } as const;
/** How often a live viewer's delay behind the presenter is read (wall clock minus hls.playingDate). */
const LATENCY_READ_MS = 1000;
/** Simulive: how far from the broadcast the picture may drift (a stall, a slow decoder) before it is put back. */
const SIMULIVE_DRIFT_S = 1.5;
const SIMULIVE_CHECK_MS = 2000;

function storedShortcuts(): boolean {
  try {
    return localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

/**
 * The one video player of the web app: hls.js (loaded on first use, its own chunk), a quality menu, the browser's
 * controls for volume and full screen, and keyboard shortcuts a viewer can switch off. Only requests to the key
 * server carry the playback token; object storage never sees it.
 */
export function HlsPlayer({
  src,
  keyToken,
  label,
  live = false,
  muted = true,
  broadcastPosition,
  onStatus,
  onHls,
}: HlsPlayerProps) {
  const { t, i18n } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  const tokenRef = useRef(keyToken);
  tokenRef.current = keyToken;
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;
  const hlsCallbackRef = useRef(onHls);
  hlsCallbackRef.current = onHls;
  const broadcastRef = useRef(broadcastPosition);
  broadcastRef.current = broadcastPosition;
  const broadcast = broadcastPosition !== undefined;
  const [levels, setLevels] = useState<{ value: string; label: string }[]>([]);
  const [level, setLevel] = useState('auto');
  const [status, setStatus] = useState<PlayerStatus>('loading');
  const [shortcuts, setShortcuts] = useState(storedShortcuts);
  const [latencyS, setLatencyS] = useState<number | null>(null);
  const hintId = useId();

  const report = (s: PlayerStatus) => {
    setStatus(s);
    statusRef.current?.(s);
  };

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (!src) {
      report('waiting-for-stream');
      return;
    }
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    report('loading');
    void import('hls.js').then(({ default: HlsClass }) => {
      if (cancelled) return;
      if (!HlsClass.isSupported()) {
        report('unsupported');
        return;
      }
      const hls = new HlsClass({
        ...(live ? LIVE_TUNING : {}),
        // a simulive viewer starts where the broadcast is, not at the beginning
        startPosition: broadcastRef.current?.() ?? -1,
        xhrSetup: (xhr, url) => {
          const token = tokenRef.current();
          if (token && url.includes('/api/keys/')) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        },
      });
      hlsRef.current = hls;
      hlsCallbackRef.current?.(hls);
      hls.on(HlsClass.Events.MANIFEST_PARSED, (_e, data) => {
        setLevels(
          data.levels.map((l, i) => ({
            value: String(i),
            label: l.height ? `${l.height}p` : t('player.bitrate', { kbps: Math.round(l.bitrate / 1000) }),
          })),
        );
        video.play().catch(() => report('paused'));
      });
      hls.on(HlsClass.Events.ERROR, (_e, d) => {
        if (!d.fatal) return;
        if (d.type === HlsClass.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
          return;
        }
        // A live master playlist appears a few seconds after go-live, and storage can blip: try again shortly.
        report('waiting-for-stream');
        retry = setTimeout(() => {
          if (!cancelled) hls.loadSource(src);
        }, RETRY_MS);
      });
      hls.loadSource(src);
      hls.attachMedia(video);
    });
    return () => {
      cancelled = true;
      clearTimeout(retry);
      hlsRef.current?.destroy();
      hlsRef.current = null;
      hlsCallbackRef.current?.(null);
      setLevels([]);
      setLevel('auto');
    };
    // Only a new source restarts the stream (`t` changes with the language; callbacks are read through refs).
  }, [src]);

  // Live: how far behind the presenter this viewer is, from the segments' wall clock (EXT-X-PROGRAM-DATE-TIME).
  useEffect(() => {
    if (!live || !src) return;
    const timer = setInterval(() => {
      const date = hlsRef.current?.playingDate;
      const video = videoRef.current;
      setLatencyS(date && video && !video.paused ? Math.max(0, (Date.now() - date.getTime()) / 1000) : null);
    }, LATENCY_READ_MS);
    return () => {
      clearInterval(timer);
      setLatencyS(null);
    };
  }, [live, src]);

  // Simulive: back to the broadcast whenever the picture is away from it (a seek, a pause, a stall, slow drift).
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !broadcast) return;
    const rejoin = () => {
      const position = broadcastRef.current?.();
      if (position === undefined || video.paused) return;
      if (Math.abs(video.currentTime - position) > SIMULIVE_DRIFT_S) video.currentTime = position;
    };
    const onSeeking = () => {
      const position = broadcastRef.current?.();
      if (position !== undefined && video.currentTime > position + SIMULIVE_AHEAD_TOLERANCE_S) {
        video.currentTime = position;
      }
    };
    const timer = setInterval(rejoin, SIMULIVE_CHECK_MS);
    video.addEventListener('seeking', onSeeking);
    video.addEventListener('seeked', rejoin);
    video.addEventListener('playing', rejoin);
    return () => {
      clearInterval(timer);
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('seeked', rejoin);
      video.removeEventListener('playing', rejoin);
    };
  }, [broadcast, src]);

  const chooseLevel = (value: string | null) => {
    const v = value ?? 'auto';
    setLevel(v);
    if (hlsRef.current) hlsRef.current.currentLevel = v === 'auto' ? -1 : Number(v);
  };

  const toggleShortcuts = (on: boolean) => {
    setShortcuts(on);
    try {
      localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
    } catch {
      // private browsing: the choice lasts for this page only
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLVideoElement>) => {
    const video = videoRef.current;
    if (!shortcuts || !video || e.altKey || e.ctrlKey || e.metaKey) return;
    const action = playerShortcut(e.key, live || broadcast);
    if (!action) return;
    e.preventDefault();
    if (action === 'toggle-play') void (video.paused ? video.play().catch(() => undefined) : video.pause());
    else if (action === 'toggle-mute') video.muted = !video.muted;
    else if (action === 'fullscreen') {
      void (document.fullscreenElement ? document.exitFullscreen() : video.requestFullscreen()).catch(() => undefined);
    } else video.currentTime = Math.max(0, video.currentTime + (action === 'back' ? -5 : 5));
  };

  return (
    <div className="hls-player">
      <video
        ref={videoRef}
        aria-label={label}
        aria-describedby={shortcuts ? hintId : undefined}
        controls
        playsInline
        muted={muted}
        className="hls-player__video"
        onPlaying={() => report('playing')}
        onPause={() => report('paused')}
        onWaiting={() => report('buffering')}
        onKeyDown={onKeyDown}
      />
      <Group justify="space-between" mt="xs" gap="sm">
        <Group gap="md">
          <Text size="sm" aria-live="polite" data-player-status={status}>
            {t(`player.status.${status}`)}
          </Text>
          {latencyS !== null && status === 'playing' ? (
            <Text size="sm" c="dimmed" data-latency-s={latencyS.toFixed(2)}>
              {t('player.behindLive', {
                seconds: latencyS.toLocaleString(i18n.resolvedLanguage, {
                  minimumFractionDigits: 1,
                  maximumFractionDigits: 1,
                }),
              })}
            </Text>
          ) : null}
        </Group>
        <Group gap="sm">
          <Select
            label={t('player.quality')}
            size="xs"
            w={130}
            data={[{ value: 'auto', label: t('player.auto') }, ...levels]}
            value={level}
            onChange={chooseLevel}
            allowDeselect={false}
            disabled={levels.length === 0}
          />
          <Switch
            label={t('player.shortcuts')}
            size="sm"
            checked={shortcuts}
            onChange={(e) => toggleShortcuts(e.currentTarget.checked)}
          />
        </Group>
      </Group>
      {shortcuts && (
        <Text id={hintId} size="xs" c="dimmed">
          {live || broadcast ? t('player.shortcutsHintLive') : t('player.shortcutsHint')}
        </Text>
      )}
    </div>
  );
}

export default HlsPlayer;
