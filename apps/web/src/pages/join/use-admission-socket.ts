import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  ChatMessage,
  ChatSendAnswer,
  ChatSettings,
  ClientToServerEvents,
  QaAskAnswer,
  QaQuestion,
  QaUpvoteAnswer,
  ServerToClientEvents,
} from '#contracts';
import { appendChatMessages, hideChatMessage, restoreChatMessage } from './chat-log';
import { markVoted, upsertQuestion } from './qa-board';
import type { JoinMessage } from './join-state';

type AdmissionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a chat message waits for the node's answer before the page says chat is unavailable. */
const CHAT_ACK_TIMEOUT_MS = 5000;

export interface AdmissionConnection {
  /** The current playback token (refreshed every 30 s while seated); the player reads it on every key request. */
  playbackToken: () => string | null;
  viewers: number | null;
  /** Gives the seat up at once (no reconnect grace), so the head of the waiting room gets it. */
  leave: () => void;
  /** The chat of the live phase, oldest first (the last CHAT_LOG_MAX messages). */
  chat: ChatMessage[];
  /** Posts to the chat; resolves with the node's answer (a refusal when no answer comes in time). */
  sendChat: (text: string) => Promise<ChatSendAnswer>;
  /** The attendee's own messages the word filter held, until a moderator approves or rejects them. */
  heldChat: { id: string; text: string }[];
  /** Slow mode, pause and links as the moderators last set them (null: all off). */
  chatSettings: ChatSettings | null;
  /** The Q&A board: questions on it, and the attendee's own pending ones. */
  questions: QaQuestion[];
  ask: (text: string, anonymous: boolean) => Promise<QaAskAnswer>;
  upvote: (id: string) => Promise<QaUpvoteAnswer>;
}

/**
 * ONE Socket.io connection to an admission node while `session` is set (a new number = a new connection, e.g. to
 * watch the recording after the live end). Every message goes to `dispatch` as a JoinMessage; socket.io-client
 * reconnects by itself after a network drop, and the handshake finds the same seat within the grace.
 */
export function useAdmissionSocket(
  target: { urls: string[]; token: string; eventId: string; deviceId: string } | null,
  session: number,
  dispatch: (m: JoinMessage) => void,
): AdmissionConnection {
  const socketRef = useRef<AdmissionSocket | null>(null);
  const tokenRef = useRef<string | null>(null);
  const dispatchRef = useRef(dispatch);
  dispatchRef.current = dispatch;
  const [viewers, setViewers] = useState<number | null>(null);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [heldChat, setHeldChat] = useState<{ id: string; text: string }[]>([]);
  const [chatSettings, setChatSettings] = useState<ChatSettings | null>(null);
  const [questions, setQuestions] = useState<QaQuestion[]>([]);

  useEffect(() => {
    if (!target || session === 0 || target.urls.length === 0) return;
    const send = (m: JoinMessage) => dispatchRef.current(m);
    const url = target.urls[Math.floor(Math.random() * target.urls.length)];
    const socket: AdmissionSocket = io(url, {
      transports: ['websocket'],
      auth: { token: target.token, eventId: target.eventId, deviceId: target.deviceId },
      forceNew: true,
      reconnectionDelayMax: 3000,
    });
    socketRef.current = socket;
    socket.on('connect', () => send({ type: 'connect' }));
    socket.on('connect_error', (e: Error & { data?: { reason?: string } }) => {
      send({ type: 'connect-error', reason: e.data?.reason });
    });
    socket.on('disconnect', (reason) => send({ type: 'disconnect', byServer: reason === 'io server disconnect' }));
    socket.on('decision', (d) => {
      if (d.status === 'admitted') tokenRef.current = d.playbackToken;
      send({ type: 'decision', decision: d });
    });
    socket.on('position', (p) => send({ type: 'position', position: p.position }));
    socket.on('playback-token', (g) => {
      tokenRef.current = g.playbackToken;
    });
    socket.on('viewers', (v) => setViewers(v.viewers));
    socket.on('lost', (l) => send({ type: 'lost', reason: l.reason }));
    socket.on('ended', (e) => send({ type: 'ended', reason: e.reason }));
    socket.on('chat:history', (h) => setChat((log) => appendChatMessages(log, h.messages)));
    socket.on('chat:message', (m) => setChat((log) => appendChatMessages(log, [m])));
    // a moderator's decision reaches everyone, the author of a held message included
    socket.on('chat:hidden', (h) => {
      setChat((log) => hideChatMessage(log, h.id));
      setHeldChat((held) => held.filter((m) => m.id !== h.id));
    });
    socket.on('chat:restored', (m) => {
      setChat((log) => restoreChatMessage(log, m));
      setHeldChat((held) => held.filter((x) => x.id !== m.id));
    });
    socket.on('chat:settings', (st) => setChatSettings(st));
    socket.on('qa:board', (b) => setQuestions(b.questions));
    socket.on('qa:question', (q) => setQuestions((board) => upsertQuestion(board, q)));
    // closing the tab gives the seat up at once instead of holding it for the reconnect grace
    const onPageHide = () => socket.emit('leave');
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      socket.removeAllListeners();
      socket.close();
      socketRef.current = null;
      tokenRef.current = null;
      setViewers(null);
      setChat([]);
      setHeldChat([]);
      setChatSettings(null);
      setQuestions([]);
    };
    // a new link or a new session number opens a new connection; the rest of `target` follows from them
  }, [target?.token, target?.eventId, session]);

  /** Emits with an ack; an unavailable refusal when the socket is down or no answer comes in time. */
  async function request<A extends { ok: boolean }>(event: 'chat:send' | 'qa:ask' | 'qa:upvote', payload: object) {
    const socket = socketRef.current;
    const unavailable = { ok: false, reason: 'unavailable', message: 'unavailable; try again' } as const;
    if (!socket?.connected) return unavailable;
    try {
      // the ack is optional in the event map, which socket.io's types then widen to any
      return (await socket.timeout(CHAT_ACK_TIMEOUT_MS).emitWithAck(event as 'chat:send', payload)) as A;
    } catch {
      // no answer in time: the node is gone or overloaded, and socket.io-client is already reconnecting
      return unavailable;
    }
  }

  return {
    playbackToken: () => tokenRef.current,
    viewers,
    leave: () => {
      const socket = socketRef.current;
      if (!socket) return;
      socket.emit('leave', () => socket.close());
      dispatchRef.current({ type: 'left' });
    },
    chat,
    heldChat,
    chatSettings,
    questions,
    ask: async (text, anonymous) => {
      const answer = await request<QaAskAnswer>('qa:ask', { text, anonymous });
      if (answer.ok) setQuestions((board) => upsertQuestion(board, answer.question));
      return answer;
    },
    upvote: async (id) => {
      const answer = await request<QaUpvoteAnswer>('qa:upvote', { id });
      if (answer.ok) setQuestions((board) => markVoted(board, id, answer.votes));
      return answer;
    },
    sendChat: async (text) => {
      const answer = await request<ChatSendAnswer>('chat:send', { text });
      if (answer.ok && answer.held) setHeldChat((held) => [...held, { id: answer.id, text }]);
      return answer;
    },
  };
}
