import { Badge, Button, Group, SegmentedControl, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useFormat } from '../../format/format';
import { CHAT_FEED_REFRESH_MS } from './chat-feed';
import { GreenRoomCard } from './green-room-card';

type Question = components['schemas']['QuestionView'];
type QaSettings = components['schemas']['QaSettingsView'];
type Operation = 'approve' | 'answer' | 'answered-live' | 'pin' | 'unpin' | 'dismiss' | 'reopen';

/** The operations a question offers in its status, in the order the buttons show. */
function operationsFor(q: Question): Operation[] {
  switch (q.status) {
    case 'pending':
      return ['approve', 'dismiss'];
    case 'open':
      return ['answered-live', q.pinned ? 'unpin' : 'pin', 'dismiss'];
    case 'answered':
      return [q.pinned ? 'unpin' : 'pin', 'reopen', 'dismiss'];
    case 'dismissed':
      return ['reopen'];
  }
}

/**
 * The presenter's Q&A: every question (pending and dismissed ones too), who asked it even when anonymous to the
 * room, and the decisions: approve, answer in text or live, pin, dismiss, reopen. Attendees are told by the nodes.
 */
export function QuestionsCard({ eventId, live }: { eventId: string; live: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [sort, setSort] = useState<'votes' | 'time'>('votes');
  const key = ['events', eventId, 'questions', sort];
  const questions = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap<Question[]>(api.GET('/api/events/{id}/questions', { params: { path: { id: eventId }, query: { sort } } })),
    refetchInterval: live ? CHAT_FEED_REFRESH_MS : false,
    enabled: live,
  });
  const settings = useQuery({
    queryKey: ['events', eventId, 'questions', 'settings'],
    queryFn: () =>
      unwrap<QaSettings>(api.GET('/api/events/{id}/questions/settings', { params: { path: { id: eventId } } })),
    enabled: live,
  });
  const closeButtonProps = { 'aria-label': t('common.close') };
  const done = async (call: Promise<{ response: Response; error?: unknown; data?: unknown }>, message: string) => {
    try {
      await unwrap(call);
      notifications.show({ color: 'green', message, closeButtonProps });
    } catch (e) {
      notifications.show({
        color: 'red',
        message: e instanceof Error ? e.message : t('greenRoom.chat.failed'),
        closeButtonProps,
      });
    }
    await queryClient.invalidateQueries({ queryKey: ['events', eventId, 'questions'] });
  };
  const decide = (q: Question, operation: Operation, text?: string) =>
    done(
      api.POST('/api/events/{id}/questions/{questionId}/{operation}', {
        params: { path: { id: eventId, questionId: q.id, operation } },
        body: text ? { text } : {},
      }),
      t(`greenRoom.qa.done.${operation}`),
    );
  const setApproval = (approvalRequired: boolean) =>
    done(
      api.PUT('/api/events/{id}/questions/settings', {
        params: { path: { id: eventId } },
        body: { approvalRequired },
      }),
      approvalRequired ? t('greenRoom.qa.approvalOn') : t('greenRoom.qa.approvalOff'),
    );

  const list = questions.data ?? [];
  return (
    <GreenRoomCard title={t('greenRoom.qa.title')} id="green-room-qa">
      {!live ? (
        <Text size="sm">{t('greenRoom.chat.notLive')}</Text>
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Switch
              label={t('greenRoom.qa.approval')}
              checked={settings.data?.approvalRequired ?? false}
              disabled={!settings.data}
              onChange={(e) => void setApproval(e.currentTarget.checked)}
            />
            <SegmentedControl
              aria-label={t('greenRoom.qa.sortLabel')}
              size="xs"
              value={sort}
              onChange={(v) => setSort(v)}
              data={[
                { value: 'votes', label: t('greenRoom.qa.sortVotes') },
                { value: 'time', label: t('greenRoom.qa.sortTime') },
              ]}
            />
          </Group>
          {list.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t('greenRoom.qa.empty')}
            </Text>
          ) : (
            <ul className="moderation-list moderation-list--scroll" aria-label={t('greenRoom.qa.listLabel')}>
              {list.map((q) => (
                <QuestionRow key={q.id} q={q} decide={decide} />
              ))}
            </ul>
          )}
        </Stack>
      )}
    </GreenRoomCard>
  );
}

function QuestionRow({
  q,
  decide,
}: {
  q: Question;
  decide: (q: Question, operation: Operation, text?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [answer, setAnswer] = useState('');
  const answering = q.status === 'open' || q.status === 'answered';
  return (
    <li className="moderation-list__item">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600} span>
          {q.author.name}
        </Text>
        {q.anonymous ? (
          <Text size="xs" c="gray.7" span>
            {t('greenRoom.qa.anonymous')}
          </Text>
        ) : null}
        <Text size="xs" c="gray.7" span component="time" dateTime={q.at}>
          {f.time(q.at)}
        </Text>
        <Badge size="sm" variant="outline" color="dark">
          {t(`greenRoom.qa.status.${q.status}`)}
        </Badge>
        {q.pinned ? (
          <Badge size="sm" variant="outline" color="dark">
            {t('greenRoom.qa.pinned')}
          </Badge>
        ) : null}
        <Text size="xs" span>
          {t('greenRoom.qa.votes', { count: q.votes })}
        </Text>
      </Group>
      <Text size="sm" className="chat-panel__text">
        {q.text}
      </Text>
      {q.answer ? (
        <Text size="sm" className="qa-panel__answer">
          {q.answer}
        </Text>
      ) : null}
      {answering ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (answer.trim()) void decide(q, 'answer', answer.trim()).then(() => setAnswer(''));
          }}
        >
          <Group align="flex-end" gap="xs" mt={4}>
            <Textarea
              label={t('greenRoom.qa.answerLabel')}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              autosize
              minRows={1}
              maxRows={4}
              style={{ flex: 1 }}
            />
            <Button size="xs" type="submit" disabled={answer.trim().length === 0}>
              {t('greenRoom.qa.sendAnswer')}
            </Button>
          </Group>
        </form>
      ) : null}
      <Group gap="xs" mt={4}>
        {operationsFor(q).map((op) => (
          <Button
            key={op}
            size="xs"
            variant={op === 'approve' ? 'filled' : 'default'}
            onClick={() => void decide(q, op)}
          >
            {t(`greenRoom.qa.op.${op}`)}
          </Button>
        ))}
      </Group>
    </li>
  );
}
