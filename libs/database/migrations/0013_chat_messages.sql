-- Live chat: every message the chat script accepted, as admission wrote it to the event's chat stream. The key is
-- the event and the stream entry id (each event has a stream of its own), so a replayed entry is a no-op. No foreign
-- keys, as for the attendance log: the stream is the record, written while the control plane may be down.
CREATE TABLE chat_messages (
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  registrant_id uuid NOT NULL,
  author_name text NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, stream_id)
);
CREATE INDEX chat_messages_event_sent ON chat_messages (event_id, sent_at);
