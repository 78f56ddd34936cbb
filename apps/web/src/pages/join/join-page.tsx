import { Alert, Badge, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { simulivePosition } from '#domain';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';
import type { ChatView } from './chat-panel';
import { EngagementPanel } from './engagement-panel';
import type { QaView } from './qa-panel';
import { Countdown } from './countdown';
import { JoinInfoError, deviceId, fetchJoinInfo, type JoinInfo } from './join-info';
import {
  INITIAL_JOIN_STATE,
  type JoinState,
  type WaitSample,
  estimatedWaitMs,
  joinReducer,
  playlistFor,
  recordPosition,
  secondsUntil,
  wantsSocket,
} from './join-state';
import { useAdmissionSocket } from './use-admission-socket';
import { useNow } from './use-now';

const HlsPlayer = lazy(() => import('../../player/hls-player'));

/** How often the page asks the join info again while it waits for something (the start, the stream, the recording). */
const INFO_POLL_MS = 3000;

/**
 * The attendee's page behind a personal join link: the join info from the API, ONE socket to an admission node
 * for the seat, and the shared player once seated. Every state has its sentence (join-state.ts decides the state).
 */
export default function JoinPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [state, dispatch] = useReducer(joinReducer, INITIAL_JOIN_STATE);
  const [session, setSession] = useState(0);
  const device = useMemo(deviceId, []);

  const info = useQuery({
    queryKey: ['join-info', token],
    queryFn: () => fetchJoinInfo(token),
    retry: (n, e) => !(e instanceof JoinInfoError) && n < 3,
    refetchInterval: (q) => (waitsForInfo(state, q.state.data) ? INFO_POLL_MS : false),
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    if (info.data) dispatch({ type: 'info', info: info.data });
  }, [info.data]);
  useEffect(() => {
    const e = info.error;
    if (e) dispatch({ type: 'info-failed', status: e instanceof JoinInfoError ? e.status : 0, message: e.message });
  }, [info.error]);

  // a new connection whenever the page moves from a state without a socket to one that wants it
  const prevKind = useRef<JoinState['kind']>(state.kind);
  useEffect(() => {
    const was = prevKind.current;
    prevKind.current = state.kind;
    if (state.kind === 'connecting' && !wantsSocket({ kind: was } as JoinState)) setSession((n) => n + 1);
  }, [state.kind]);

  const data = info.data;
  const target = useMemo(
    () => (data ? { urls: data.admissionUrls, token, eventId: data.eventId, deviceId: device } : null),
    [data?.eventId, token, device],
  );
  const admission = useAdmissionSocket(target, session, dispatch);

  return (
    // wider while the chat sits beside the player
    <Container size={state.kind === 'admitted' && state.phase === 'live' ? 'lg' : 'md'} px={0}>
      <PageHeading title={data?.title ?? t('join.titleLoading')} description={data ? <Welcome info={data} /> : null} />
      <JoinBody
        state={state}
        info={data}
        viewers={admission.viewers}
        playbackToken={admission.playbackToken}
        onLeave={admission.leave}
        chat={admission}
        onRejoin={() => dispatch({ type: 'rejoin' })}
      />
    </Container>
  );
}

/** Whether the page waits for news only the join info brings: the start, the first live playlist, the recording. */
function waitsForInfo(state: JoinState, info: JoinInfo | undefined): boolean {
  if (!info) return false;
  // no admission node answers: the API still tells whether the event ended meanwhile
  if (state.kind === 'not-started' || state.kind === 'reconnecting') return true;
  if (state.kind === 'admitted') return playlistFor(state.phase, info.playback) === null;
  if (state.kind === 'ended') return info.mode === 'live' && info.playback.replayMasterUrl === null;
  return false;
}

function Welcome({ info }: { info: JoinInfo }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={2} component="span">
      <Text span>{t('join.welcome', { name: info.registrantName })}</Text>
      <Text span size="sm">
        <Badge variant="light" color="gray" mr="xs" component="span">
          {info.mode === 'live' ? t('join.liveMode') : info.simulive ? t('join.simuliveMode') : t('join.onDemandMode')}
        </Badge>
        {t('join.schedule', { start: f.dateTime(info.startsAt), end: f.time(info.endsAt) })}
      </Text>
    </Stack>
  );
}

interface BodyProps {
  state: JoinState;
  info: JoinInfo | undefined;
  viewers: number | null;
  playbackToken: () => string | null;
  onLeave: () => void;
  chat: ChatView & QaView;
  onRejoin: () => void;
}

function JoinBody({ state, info, viewers, playbackToken, onLeave, chat, onRejoin }: BodyProps) {
  const { t } = useTranslation();
  switch (state.kind) {
    case 'loading':
      return <Loading />;
    case 'bad-link':
      return (
        <Problem title={t('join.badLink.title')} kind="bad-link">
          {t(`join.badLink.${state.problem}`)}
        </Problem>
      );
    case 'cancelled':
      return (
        <Problem title={t('join.cancelled.title')} kind="cancelled" color="gray">
          {t('join.cancelled.body')}
        </Problem>
      );
    case 'not-started':
      return info ? <NotStarted info={info} /> : <Loading />;
    case 'connecting':
      return <StatusLine kind="connecting">{t('join.status.connecting')}</StatusLine>;
    case 'waiting':
      return <WaitingRoom position={state.position} />;
    case 'reconnecting':
      return (
        <Alert color="blue" variant="light" title={t('join.status.reconnecting')} data-join-state="reconnecting">
          <span role="status">
            {state.held === 'seat' ? t('join.status.reconnectingHint') : t('join.status.reconnectingPlace')}
          </span>
        </Alert>
      );
    case 'admitted':
      return info ? (
        <Seated
          state={state}
          info={info}
          viewers={viewers}
          playbackToken={playbackToken}
          onLeave={onLeave}
          chat={chat}
        />
      ) : (
        <Loading />
      );
    case 'refused':
      return (
        <Problem title={t('join.refused.title')} kind={`refused-${state.reason}`}>
          {t(`join.refused.${state.reason}`)}
          <Button mt="md" variant="default" onClick={onRejoin} display="block">
            {t('join.refused.tryAgain')}
          </Button>
        </Problem>
      );
    case 'lost':
      return (
        <Problem title={t('join.lost.title')} kind="lost">
          {t(`join.lost.${state.reason}`)}
          <Button mt="md" variant="default" onClick={onRejoin} display="block">
            {t('join.rejoin')}
          </Button>
        </Problem>
      );
    case 'ended':
      return <Ended reason={state.reason} info={info} onWatch={onRejoin} />;
    case 'left':
      return (
        <Paper withBorder p="lg" data-join-state="left">
          <Text role="status">{t('join.left')}</Text>
          <Button mt="md" onClick={onRejoin}>
            {t('join.rejoin')}
          </Button>
        </Paper>
      );
  }
}

function StatusLine({ kind, children }: { kind: string; children: string }) {
  return (
    <Text role="status" data-join-state={kind} fw={600}>
      {children}
    </Text>
  );
}

function Problem({
  title,
  kind,
  color = 'red',
  children,
}: {
  title: string;
  kind: string;
  color?: string;
  children: React.ReactNode;
}) {
  return (
    <Alert color={color} variant="light" title={title} role="alert" data-join-state={kind}>
      {children}
    </Alert>
  );
}

function NotStarted({ info }: { info: JoinInfo }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(true);
  const seconds = secondsUntil(info.startsAt, now);
  return (
    <Paper withBorder p="lg" data-join-state="not-started">
      <Title order={2} size="h3" mb="sm">
        {t('join.notStarted.title')}
      </Title>
      {seconds > 0 ? <Countdown seconds={seconds} /> : <Text fw={600}>{t('join.notStarted.soon')}</Text>}
      <Text mt="xs">{t('join.notStarted.startsAt', { time: f.dateTime(info.startsAt) })}</Text>
      <Text mt="xs" size="sm" role="status">
        {t('join.notStarted.auto')}
      </Text>
    </Paper>
  );
}

function WaitingRoom({ position }: { position: number }) {
  const { t } = useTranslation();
  const [samples, setSamples] = useState<WaitSample[]>([]);
  useEffect(() => setSamples((s) => recordPosition(s, { at: Date.now(), position })), [position]);
  const estimate = estimatedWaitMs(samples);
  return (
    <Paper withBorder p="lg" data-join-state="waiting">
      <Title order={2} size="h3" mb="sm">
        {t('join.waiting.title')}
      </Title>
      <Text>{t('join.waiting.full')}</Text>
      <div role="status">
        <Text size="xl" fw={700} mt="md" data-position={position}>
          {t('join.waiting.position', { position })}
        </Text>
        {position === 1 ? <Text>{t('join.waiting.next')}</Text> : null}
        <Text mt="xs">
          {estimate === null
            ? t('join.waiting.estimateUnknown')
            : t('join.waiting.estimate', { duration: formatDuration(t, Math.max(estimate, 60_000)) })}
        </Text>
      </div>
    </Paper>
  );
}

function Seated({
  state,
  info,
  viewers,
  playbackToken,
  onLeave,
  chat,
}: {
  state: Extract<JoinState, { kind: 'admitted' }>;
  info: JoinInfo;
  viewers: number | null;
  playbackToken: () => string | null;
  onLeave: () => void;
  chat: ChatView & QaView;
}) {
  const { t } = useTranslation();
  const live = state.phase === 'live';
  const now = useNow(true, 15_000);
  const broadcastPosition = useBroadcastPosition(info);
  const leftMs = info.simulive
    ? Date.parse(info.simulive.startedAt) + info.simulive.durationS * 1000 - (now + clockOffsetMs(info))
    : Date.parse(info.endsAt) - now;
  const headline = state.reattached
    ? t('join.status.reattached')
    : state.promoted
      ? t('join.status.promoted')
      : !live && info.mode === 'live'
        ? t('join.recording')
        : t('join.status.admitted');
  return (
    <Stack gap="sm" data-join-state="admitted" data-phase={state.phase}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text role="status" fw={600}>
          {headline}
        </Text>
        <Group gap="md">
          {viewers !== null ? <Text data-viewers={viewers}>{t('join.viewers', { count: viewers })}</Text> : null}
          {live || (info.mode === 'on-demand' && leftMs > 0) ? (
            <Text>{leftMs > 0 ? t('join.timeLeft', { duration: formatDuration(t, leftMs) }) : t('join.overTime')}</Text>
          ) : null}
        </Group>
      </Group>
      {/* the chat is the live phase's: a recording has none, and the player then takes the whole width */}
      <div className={live ? 'join-seated join-seated--with-chat' : 'join-seated'}>
        <Stack gap="sm">
          <Suspense fallback={<Loading />}>
            <HlsPlayer
              src={playlistFor(state.phase, info.playback)}
              keyToken={playbackToken}
              label={t('join.playerLabel', { title: info.title })}
              live={live}
              broadcastPosition={broadcastPosition}
            />
          </Suspense>
          {info.simulive ? (
            <Text size="sm" c="dimmed">
              {t('join.simuliveHint')}
            </Text>
          ) : null}
        </Stack>
        {live ? <EngagementPanel engagement={chat} /> : null}
      </div>
      <Group justify="flex-end">
        <Button variant="default" onClick={onLeave}>
          {t('join.leave')}
        </Button>
      </Group>
    </Stack>
  );
}

function Ended({
  reason,
  info,
  onWatch,
}: {
  reason: 'cap' | 'ended';
  info: JoinInfo | undefined;
  onWatch: () => void;
}) {
  const { t } = useTranslation();
  const recording = info?.mode === 'live' && info.playback.replayMasterUrl !== null;
  return (
    <Paper withBorder p="lg" data-join-state="ended">
      <Title order={2} size="h3" mb="sm">
        {t('join.ended.title')}
      </Title>
      <Text role="status">{reason === 'cap' ? t('join.ended.cap') : t('join.ended.body')}</Text>
      {info?.mode === 'live' ? (
        recording ? (
          <Button mt="md" onClick={onWatch}>
            {t('join.ended.watchRecording')}
          </Button>
        ) : (
          <Text mt="sm" size="sm">
            {t('join.ended.recordingSoon')}
          </Text>
        )
      ) : null}
    </Paper>
  );
}

/** How far the server's clock is ahead of this page's, from the join info's answer (round trip ignored). */
function clockOffsetMs(info: JoinInfo): number {
  return Date.parse(info.serverTime) - Date.now();
}

/** Simulive: where the broadcast is now, by the server's clock; undefined for any other playback. */
function useBroadcastPosition(info: JoinInfo): (() => number) | undefined {
  const simulive = info.simulive;
  // the offset is taken once per answer of the API, not on every call
  const offset = useMemo(() => clockOffsetMs(info), [info.serverTime]);
  return useMemo(() => {
    if (!simulive) return undefined;
    const startedAt = Date.parse(simulive.startedAt);
    return () => simulivePosition(startedAt, Date.now() + offset, simulive.durationS);
  }, [simulive?.startedAt, simulive?.durationS, offset]);
}
