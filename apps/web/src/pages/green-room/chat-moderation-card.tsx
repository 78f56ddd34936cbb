import { Badge, Button, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_MODERATION_LIMITS } from '#domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useFormat } from '../../format/format';
import { CHAT_FEED_REFRESH_MS, type ModeratedMessage, useChatFeed } from './chat-feed';
import { GreenRoomCard } from './green-room-card';

type ChatSettingsView = components['schemas']['ChatSettingsView'];

/** How long the green room's one-click timeout lasts; the API takes 1 min to 24 h. */
const QUICK_TIMEOUT_MINUTES = 10;

function useAct() {
  const { t } = useTranslation();
  const closeButtonProps = { 'aria-label': t('common.close') };
  return async (call: Promise<{ response: Response; error?: unknown; data?: unknown }>, done: string) => {
    try {
      await unwrap(call);
      notifications.show({ color: 'green', message: done, closeButtonProps });
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : t('greenRoom.chat.failed');
      notifications.show({ color: 'red', message, closeButtonProps });
      return false;
    }
  };
}

/**
 * The presenter's moderation of the live chat: the messages the word filter held (approve or reject), the chat as
 * stored (hide, restore, time the author out, ban them), and the room's settings. Every action goes through the
 * control plane, which tells every admission node and logs who did it.
 */
export function ChatModerationCard({ eventId, live }: { eventId: string; live: boolean }) {
  const { t } = useTranslation();
  return (
    <GreenRoomCard title={t('greenRoom.chat.title')} id="green-room-chat">
      {live ? (
        <Stack gap="md">
          <ChatSettingsForm eventId={eventId} />
          <ReviewQueue eventId={eventId} />
          <Feed eventId={eventId} />
        </Stack>
      ) : (
        <Text size="sm">{t('greenRoom.chat.notLive')}</Text>
      )}
    </GreenRoomCard>
  );
}

function ChatSettingsForm({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const act = useAct();
  const settings = useQuery({
    queryKey: ['events', eventId, 'chat', 'settings'],
    queryFn: () =>
      unwrap<ChatSettingsView>(api.GET('/api/events/{id}/chat/settings', { params: { path: { id: eventId } } })),
  });
  const [draft, setDraft] = useState<ChatSettingsView | null>(null);
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);
  if (!draft) return null;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const { slowModeSeconds, paused, linksAllowed } = draft;
    await act(
      api.PUT('/api/events/{id}/chat/settings', {
        params: { path: { id: eventId } },
        body: { slowModeSeconds, paused, linksAllowed },
      }),
      t('greenRoom.chat.settingsSaved'),
    );
  };
  return (
    <form onSubmit={(e) => void save(e)} aria-label={t('greenRoom.chat.settings')}>
      <Group align="flex-end" gap="md">
        <NumberInput
          label={t('greenRoom.chat.slowMode')}
          description={t('greenRoom.chat.slowModeHelp')}
          min={0}
          max={CHAT_MODERATION_LIMITS.slowModeMaxSeconds}
          allowDecimal={false}
          value={draft.slowModeSeconds}
          onChange={(v) => setDraft({ ...draft, slowModeSeconds: typeof v === 'number' ? v : 0 })}
          w={200}
        />
        <Stack gap="xs">
          <Switch
            label={t('greenRoom.chat.pause')}
            checked={draft.paused}
            onChange={(e) => setDraft({ ...draft, paused: e.currentTarget.checked })}
          />
          <Switch
            label={t('greenRoom.chat.links')}
            checked={draft.linksAllowed}
            onChange={(e) => setDraft({ ...draft, linksAllowed: e.currentTarget.checked })}
          />
        </Stack>
        <Button type="submit" variant="default">
          {t('greenRoom.chat.saveSettings')}
        </Button>
      </Group>
    </form>
  );
}

function ReviewQueue({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const act = useAct();
  const queryClient = useQueryClient();
  const queue = useQuery({
    queryKey: ['events', eventId, 'chat', 'held'],
    queryFn: () =>
      unwrap<ModeratedMessage[]>(
        api.GET('/api/events/{id}/chat/messages', {
          params: { path: { id: eventId }, query: { state: 'held', limit: 100 } },
        }),
      ),
    refetchInterval: CHAT_FEED_REFRESH_MS,
  });
  const held = queue.data ?? [];
  const decide = async (m: ModeratedMessage, decision: 'approve' | 'reject') => {
    const path = { id: eventId, messageId: m.id };
    const call =
      decision === 'approve'
        ? api.POST('/api/events/{id}/chat/messages/{messageId}/approve', { params: { path }, body: {} })
        : api.POST('/api/events/{id}/chat/messages/{messageId}/reject', { params: { path }, body: {} });
    const done =
      decision === 'approve' ? t('greenRoom.chat.approved', m.author) : t('greenRoom.chat.rejected', m.author);
    await act(call, done);
    await queryClient.invalidateQueries({ queryKey: ['events', eventId, 'chat', 'held'] });
  };
  return (
    <section aria-labelledby="green-room-chat-review">
      <Title order={3} size="h5" id="green-room-chat-review" mb="xs">
        {t('greenRoom.chat.review', { count: held.length })}
      </Title>
      {held.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('greenRoom.chat.reviewEmpty')}
        </Text>
      ) : (
        <ul className="moderation-list" aria-label={t('greenRoom.chat.reviewList')}>
          {held.map((m) => (
            <li key={m.id} className="moderation-list__item">
              <MessageLine m={m} />
              <Text size="xs" c="gray.7">
                {t('greenRoom.chat.matched', { words: m.words.join(', ') })}
              </Text>
              <Group gap="xs" mt={4}>
                <Button size="xs" onClick={() => void decide(m, 'approve')}>
                  {t('greenRoom.chat.approve')}
                </Button>
                <Button size="xs" variant="default" onClick={() => void decide(m, 'reject')}>
                  {t('greenRoom.chat.reject')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MessageLine({ m }: { m: ModeratedMessage }) {
  const f = useFormat();
  return (
    <Text size="sm">
      <Text span fw={600}>
        {m.author.name}
      </Text>{' '}
      <Text span size="xs" c="gray.7" component="time" dateTime={m.at}>
        {f.time(m.at)}
      </Text>{' '}
      <span className="chat-panel__text">{m.text}</span>
    </Text>
  );
}

function Feed({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const act = useAct();
  const feed = useChatFeed(eventId, true);
  const shown = [...feed.messages].reverse();
  const path = (m: ModeratedMessage) => ({ id: eventId, messageId: m.id });
  const hide = async (m: ModeratedMessage) => {
    const ok = await act(
      api.POST('/api/events/{id}/chat/messages/{messageId}/hide', { params: { path: path(m) }, body: {} }),
      t('greenRoom.chat.hiddenDone'),
    );
    if (ok) feed.patch(m.id, { hidden: true, held: false });
  };
  const restore = async (m: ModeratedMessage) => {
    const ok = await act(
      api.POST('/api/events/{id}/chat/messages/{messageId}/restore', { params: { path: path(m) }, body: {} }),
      t('greenRoom.chat.restoredDone'),
    );
    if (ok) feed.patch(m.id, { hidden: false, held: false });
  };
  const silence = async (m: ModeratedMessage, minutes?: number) => {
    await act(
      api.POST('/api/events/{id}/chat/bans', {
        params: { path: { id: eventId } },
        body: { registrationId: m.author.registrationId, minutes },
      }),
      minutes
        ? t('greenRoom.chat.timedOut', { name: m.author.name, count: minutes })
        : t('greenRoom.chat.banned', { name: m.author.name }),
    );
  };
  return (
    <section aria-labelledby="green-room-chat-feed">
      <Title order={3} size="h5" id="green-room-chat-feed" mb="xs">
        {t('greenRoom.chat.feed')}
      </Title>
      {feed.failed ? (
        <Text size="sm" c="red.9" role="alert">
          {t('greenRoom.chat.feedFailed')}
        </Text>
      ) : null}
      {shown.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('greenRoom.chat.feedEmpty')}
        </Text>
      ) : (
        <ul className="moderation-list moderation-list--scroll" aria-label={t('greenRoom.chat.feedList')}>
          {shown.map((m) => (
            <li key={m.id} className="moderation-list__item">
              <MessageLine m={m} />
              {m.hidden ? (
                <Badge size="sm" color="gray" variant="light">
                  {t('greenRoom.chat.hiddenBadge')}
                </Badge>
              ) : m.held ? (
                <Badge size="sm" color="dark" variant="outline">
                  {t('greenRoom.chat.heldBadge')}
                </Badge>
              ) : null}
              <Group gap="xs" mt={4}>
                {m.hidden ? (
                  <Button size="xs" variant="default" onClick={() => void restore(m)}>
                    {t('greenRoom.chat.restore')}
                  </Button>
                ) : (
                  <Button size="xs" variant="default" onClick={() => void hide(m)}>
                    {t('greenRoom.chat.hide')}
                  </Button>
                )}
                <Button size="xs" variant="default" onClick={() => void silence(m, QUICK_TIMEOUT_MINUTES)}>
                  {t('greenRoom.chat.timeout', { count: QUICK_TIMEOUT_MINUTES })}
                </Button>
                <Button size="xs" variant="default" color="red" onClick={() => void silence(m)}>
                  {t('greenRoom.chat.ban')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
