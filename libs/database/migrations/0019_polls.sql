-- Live polls: prepared as drafts or created live by the event's organizer, opened and closed from the control plane.
-- Votes are what admission's poll script accepted and wrote to the event's Q&A stream, stored by the control plane's
-- consumer: one row per poll and registrant, so a replayed entry is a no-op and a vote is final. No foreign key to
-- registrations, as for chat and Q&A: the stream is the record, written while the control plane is down.
CREATE TABLE polls (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  question text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 300),
  options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 10),
  multiple boolean NOT NULL DEFAULT false,
  results text NOT NULL DEFAULT 'live' CHECK (results IN ('live', 'closed')),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX polls_event ON polls (event_id, created_at);
CREATE TABLE poll_votes (
  poll_id uuid NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  registrant_id uuid NOT NULL,
  choices int[] NOT NULL CHECK (cardinality(choices) BETWEEN 1 AND 10),
  voted_at timestamptz NOT NULL,
  PRIMARY KEY (poll_id, registrant_id)
);
ALTER TABLE chat_moderation_actions DROP CONSTRAINT chat_moderation_actions_action_check;
ALTER TABLE chat_moderation_actions ADD CONSTRAINT chat_moderation_actions_action_check
  CHECK (action IN ('hide', 'restore', 'approve', 'reject', 'timeout', 'ban', 'lift', 'settings', 'question', 'poll'));
