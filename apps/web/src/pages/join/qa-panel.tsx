import { Badge, Button, Checkbox, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaAskAnswer, QaQuestion, QaRefusalCode, QaUpvoteAnswer } from '#contracts';
import { CHAT_TEXT_MAX_CHARS } from '#domain';
import { type QaSort, sortQuestions } from './qa-board';

/** What the panel shows and does: the admission connection's Q&A. */
export interface QaView {
  questions: QaQuestion[];
  ask: (text: string, anonymous: boolean) => Promise<QaAskAnswer>;
  upvote: (id: string) => Promise<QaUpvoteAnswer>;
}

/**
 * Live Q&A for a seated attendee: ask (optionally without one's name for other attendees), upvote once, read the
 * answers. The node decides what is accepted; a refusal is said under the form, or next to the question, in words.
 */
export function QaPanel({ qa }: { qa: QaView }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [sort, setSort] = useState<QaSort>('votes');
  const [refusal, setRefusal] = useState<QaRefusalCode | null>(null);
  const [voteRefusal, setVoteRefusal] = useState<{ id: string; reason: QaRefusalCode } | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const trimmed = text.trim();
    if (trimmed.length === 0) return setRefusal('empty');
    if ([...trimmed].length > CHAT_TEXT_MAX_CHARS) return setRefusal('too-long');
    setSending(true);
    const answer = await qa.ask(trimmed, anonymous);
    setSending(false);
    if (answer.ok) {
      setText('');
      setRefusal(null);
    } else setRefusal(answer.reason);
  };
  const vote = async (q: QaQuestion) => {
    const answer = await qa.upvote(q.id);
    setVoteRefusal(answer.ok ? null : { id: q.id, reason: answer.reason });
  };

  const shown = sortQuestions(qa.questions, sort);
  return (
    <Stack gap="sm" className="qa-panel" data-qa-panel>
      <form onSubmit={(e) => void submit(e)}>
        <Textarea
          label={t('join.qa.inputLabel')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={5}
          description={t('join.chat.counter', { count: [...text].length, max: CHAT_TEXT_MAX_CHARS })}
        />
        <Group justify="space-between" mt="xs">
          <Checkbox
            label={t('join.qa.anonymous')}
            checked={anonymous}
            onChange={(e) => setAnonymous(e.currentTarget.checked)}
          />
          <Button type="submit" loading={sending}>
            {t('join.qa.ask')}
          </Button>
        </Group>
        {refusal ? (
          <Text size="sm" c="red.9" mt="xs" role="alert" data-qa-refusal={refusal}>
            {t(`join.qa.refused.${refusal}`)}
          </Text>
        ) : null}
      </form>
      <SegmentedControl
        aria-label={t('join.qa.sortLabel')}
        value={sort}
        onChange={(v) => setSort(v)}
        data={[
          { value: 'votes', label: t('join.qa.sortVotes') },
          { value: 'time', label: t('join.qa.sortTime') },
        ]}
        size="xs"
      />
      {shown.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('join.qa.empty')}
        </Text>
      ) : (
        // scrollable, so it takes the keyboard focus (the arrows scroll it)
        <div className="qa-panel__scroll" tabIndex={0} role="region" aria-label={t('join.qa.listLabel')}>
          <ol className="qa-panel__list" aria-label={t('join.qa.listLabel')}>
            {shown.map((q) => (
              <li key={q.id} className="qa-panel__question" data-qa-question={q.id}>
                <Group gap={6} wrap="wrap">
                  <Text size="sm" fw={600} span>
                    {q.mine ? t('join.chat.you') : (q.author?.name ?? t('join.qa.anonymousAuthor'))}
                  </Text>
                  {q.pinned ? (
                    <Badge size="sm" variant="outline" color="dark">
                      {t('join.qa.pinned')}
                    </Badge>
                  ) : null}
                  {q.status === 'pending' ? (
                    <Badge size="sm" variant="outline" color="dark">
                      {t('join.qa.pending')}
                    </Badge>
                  ) : null}
                  {q.status === 'answered' ? (
                    <Badge size="sm" variant="outline" color="dark">
                      {q.answeredLive && !q.answer ? t('join.qa.answeredLive') : t('join.qa.answered')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm" className="chat-panel__text">
                  {q.text}
                </Text>
                {q.answer ? (
                  <Text size="sm" className="qa-panel__answer">
                    <Text span fw={600}>
                      {t('join.qa.answerLabel')}
                    </Text>{' '}
                    {q.answer}
                  </Text>
                ) : null}
                <Group gap="xs" mt={4}>
                  <Button
                    size="compact-xs"
                    variant={q.voted ? 'filled' : 'default'}
                    disabled={q.mine || q.voted || q.status !== 'open'}
                    onClick={() => void vote(q)}
                  >
                    {t('join.qa.upvote', { count: q.votes })}
                  </Button>
                  {voteRefusal?.id === q.id ? (
                    <Text size="xs" c="red.9" role="alert">
                      {t(`join.qa.refused.${voteRefusal.reason}`)}
                    </Text>
                  ) : null}
                </Group>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Stack>
  );
}
