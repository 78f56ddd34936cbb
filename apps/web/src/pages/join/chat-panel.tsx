import { Anchor, Button, Group, Paper, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, ChatRefusal, ChatSendAnswer, ChatSettings } from '#contracts';
import { CHAT_TEXT_MAX_CHARS } from '#domain';
import { useFormat } from '../../format/format';
import { chatTextParts } from './chat-log';
import { useNow } from './use-now';

/** How close to the end of the list (px) still counts as reading the newest messages. */
const AT_BOTTOM_SLACK_PX = 24;

/** What the panel shows and does: the admission connection's chat. */
export interface ChatView {
  chat: ChatMessage[];
  heldChat: { id: string; text: string }[];
  chatSettings: ChatSettings | null;
  sendChat: (text: string) => Promise<ChatSendAnswer>;
}

/** A message's text: plain text, with http(s) addresses as links only when the organizer allows them. */
function MessageText({ text, links }: { text: string; links: boolean }) {
  if (!links) return <>{text}</>;
  return (
    <>
      {chatTextParts(text).map((p, i) =>
        p.kind === 'link' ? (
          // ugc + nofollow: the address is an attendee's, not the organizer's recommendation
          <Anchor key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow ugc" inherit>
            {p.text}
          </Anchor>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The live chat of a seated attendee: the messages as plain text (never HTML), the newest announced politely, and
 * one line to write in. The node decides what is accepted; its refusal is shown under the line, in the page's
 * language, with the seconds to wait counting down.
 */
export function ChatPanel({ chat }: { chat: ChatView }) {
  const { chat: messages, heldChat: held, chatSettings: settings, sendChat: send } = chat;
  const links = settings?.linksAllowed === true;
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<{ reason: ChatRefusal['reason']; until: number | null } | null>(null);
  const now = useNow(refusal?.until != null);
  const waitS = refusal?.until != null ? Math.ceil((refusal.until - now) / 1000) : null;
  const length = [...text].length;

  const logRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // follows the newest message only while the viewer reads the end of the list, never pulling them away from above
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && atBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages, held]);
  const onScroll = () => {
    const log = logRef.current;
    if (log) atBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight <= AT_BOTTOM_SLACK_PX;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const trimmed = text.trim();
    if (trimmed.length === 0) return setRefusal({ reason: 'empty', until: null });
    if ([...trimmed].length > CHAT_TEXT_MAX_CHARS) return setRefusal({ reason: 'too-long', until: null });
    setSending(true);
    const answer = await send(trimmed);
    setSending(false);
    if (answer.ok) {
      setText('');
      setRefusal(null);
      atBottom.current = true;
    } else {
      setRefusal({
        reason: answer.reason,
        until: answer.retryAfterS !== undefined ? Date.now() + answer.retryAfterS * 1000 : null,
      });
    }
  };

  const last = messages.at(-1);
  const showRefusal = refusal !== null && (waitS === null || waitS > 0);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId} className="chat-panel" data-chat-panel>
      <Title order={2} size="h4" id={titleId} mb="xs">
        {t('join.chat.title')}
      </Title>
      <div
        ref={logRef}
        className="chat-panel__log"
        onScroll={onScroll}
        // scrollable, so it takes the keyboard focus (the arrows scroll it)
        tabIndex={0}
        role="region"
        aria-label={t('join.chat.listLabel')}
      >
        {messages.length === 0 && held.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('join.chat.empty')}
          </Text>
        ) : (
          <ol className="chat-panel__list" aria-label={t('join.chat.listLabel')}>
            {messages.map((m) => (
              <li key={m.id} className="chat-panel__message" data-chat-message={m.id}>
                <Text size="sm" span fw={600}>
                  {m.author.name}
                </Text>{' '}
                <Text size="xs" span c="gray.7" component="time" dateTime={m.at}>
                  {f.time(m.at)}
                </Text>
                <Text size="sm" className="chat-panel__text">
                  <MessageText text={m.text} links={links} />
                </Text>
              </li>
            ))}
            {held.map((m) => (
              <li key={m.id} className="chat-panel__message chat-panel__message--held" data-chat-held={m.id}>
                <Text size="sm" span fw={600}>
                  {t('join.chat.you')}
                </Text>{' '}
                <Text size="xs" span c="gray.7">
                  {t('join.chat.held')}
                </Text>
                <Text size="sm" className="chat-panel__text">
                  {m.text}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </div>
      <VisuallyHidden role="status" aria-live="polite">
        {last ? t('join.chat.announce', { name: last.author.name, text: last.text }) : ''}
      </VisuallyHidden>
      {settings?.paused ? (
        <Text size="sm" c="gray.8" mt="xs" data-chat-state="paused">
          {t('join.chat.pausedNotice')}
        </Text>
      ) : settings && settings.slowModeSeconds > 0 ? (
        <Text size="sm" c="gray.8" mt="xs" data-chat-state="slow">
          {t('join.chat.slowNotice', { count: settings.slowModeSeconds })}
        </Text>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="chat-panel__form">
        <TextInput
          label={t('join.chat.inputLabel')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autoComplete="off"
          description={t('join.chat.counter', { count: length, max: CHAT_TEXT_MAX_CHARS })}
          classNames={{ description: length > CHAT_TEXT_MAX_CHARS ? 'chat-panel__counter--over' : undefined }}
        />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" loading={sending}>
            {t('join.chat.send')}
          </Button>
        </Group>
      </form>
      {showRefusal ? (
        <Text size="sm" c="red.9" mt="xs" data-chat-refusal={refusal.reason}>
          <span role="alert">{t(`join.chat.refused.${refusal.reason}`)}</span>
          {waitS !== null ? (
            <>
              {' '}
              <span>{t('join.chat.retryIn', { count: waitS })}</span>
            </>
          ) : null}
        </Text>
      ) : null}
    </Paper>
  );
}
