-- Chat moderation: a hidden message stays stored (the console shows it, and may restore it), and every moderator's
-- action is logged with who did it. The actor is a user of the event's account; the target is a message's stream id
-- or a registrant's id, as the action says.
ALTER TABLE chat_messages ADD COLUMN hidden boolean NOT NULL DEFAULT false;

CREATE TABLE chat_moderation_actions (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  actor_id uuid NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL CHECK (action IN ('hide', 'restore', 'timeout', 'ban', 'lift', 'settings')),
  target text,
  details jsonb NOT NULL DEFAULT '{}',
  reason text CHECK (char_length(reason) <= 500),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_moderation_actions_event ON chat_moderation_actions (event_id, created_at DESC);
