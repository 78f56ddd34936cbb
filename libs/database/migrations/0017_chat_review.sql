-- Chat review: a message the word filter held is stored like any other, marked held, and reaches the room only when a
-- moderator approves it (held = false) or is hidden when they reject it. The queue is the held messages of an event.
ALTER TABLE chat_messages ADD COLUMN held boolean NOT NULL DEFAULT false;
CREATE INDEX chat_messages_event_held ON chat_messages (event_id, sent_at) WHERE held;

ALTER TABLE chat_moderation_actions DROP CONSTRAINT chat_moderation_actions_action_check;
ALTER TABLE chat_moderation_actions ADD CONSTRAINT chat_moderation_actions_action_check
  CHECK (action IN ('hide', 'restore', 'approve', 'reject', 'timeout', 'ban', 'lift', 'settings'));
