-- Stage viewer accounts: sign-in tokens that a password reset revokes, and the single-use links mailed to viewers.

-- Viewer access tokens carry it; a new password bumps it, so every token issued before stops working.
ALTER TABLE viewers ADD COLUMN token_version integer NOT NULL DEFAULT 0;
-- when the viewer accepted the terms' viewing-history clause (at sign-up, which refuses without it)
ALTER TABLE viewers ADD COLUMN history_terms_accepted_at timestamptz;

-- The links mailed at sign-up (verify) and on request (reset). Only the SHA-256 of the token is kept, so a copy of
-- the database opens no account; a token works once (used_at) and until expires_at.
CREATE TABLE viewer_mail_tokens (
  token_hash text PRIMARY KEY,
  viewer_id uuid NOT NULL REFERENCES viewers (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify', 'reset')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX viewer_mail_tokens_viewer ON viewer_mail_tokens (viewer_id, purpose);
