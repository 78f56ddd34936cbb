-- Live Q&A: every question and upvote admission wrote to the event's Q&A stream, stored by the control plane's
-- consumer. A question's key is the event and its stream id, a vote's the question and the registrant, so a
-- replayed entry is a no-op and a registrant votes once whatever their devices. Moderators' decisions are stream
-- entries too (applied in order after the question), and logged with who made them in chat_moderation_actions.
-- No foreign keys to registrations, as for chat: the stream is the record, written while the control plane is down.
CREATE TABLE qa_questions (
  event_id uuid NOT NULL,
  id text NOT NULL,
  registrant_id uuid NOT NULL,
  author_name text NOT NULL,
  anonymous boolean NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500),
  status text NOT NULL CHECK (status IN ('pending', 'open', 'answered', 'dismissed')),
  answer text CHECK (char_length(answer) <= 2000),
  answered_live boolean NOT NULL DEFAULT false,
  pinned boolean NOT NULL DEFAULT false,
  asked_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, id)
);

CREATE TABLE qa_votes (
  event_id uuid NOT NULL,
  question_id text NOT NULL,
  registrant_id uuid NOT NULL,
  voted_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, question_id, registrant_id)
);

ALTER TABLE chat_moderation_actions DROP CONSTRAINT chat_moderation_actions_action_check;
ALTER TABLE chat_moderation_actions ADD CONSTRAINT chat_moderation_actions_action_check
  CHECK (action IN ('hide', 'restore', 'approve', 'reject', 'timeout', 'ban', 'lift', 'settings', 'question'));
