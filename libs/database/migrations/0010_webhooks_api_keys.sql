-- Integrations: an account's webhook endpoints, every delivery and every attempt at it (the console's delivery log),
-- and the account's API keys (only a hash of each key is kept).
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types text[] NOT NULL,
  -- Needed in the clear to sign each delivery; the API shows it once, at creation and rotation.
  secret text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- First failure since the last success: the console shows the endpoint as failing, and it is disabled after a while.
  failing_since timestamptz,
  disabled_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- ;;
CREATE INDEX webhook_endpoints_account ON webhook_endpoints (account_id, created_at);
-- ;;
CREATE TABLE webhook_deliveries (
  -- Also the `webhook-id` header: stable over retries and replays of the same message, so receivers deduplicate.
  id text PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz
);
-- ;;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);
-- ;;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending';
-- ;;
CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  status_code integer,
  duration_ms integer NOT NULL,
  error text,
  response_excerpt text NOT NULL DEFAULT ''
);
-- ;;
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);
-- ;;
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  scopes text[] NOT NULL,
  -- The person whose rights the key has, narrowed by its scopes: an organizer, or the administrator who made it.
  acts_as_user_id uuid NOT NULL REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  -- The first characters of the key, shown in the console so a person can tell keys apart.
  prefix text NOT NULL,
  -- sha256 of the whole key: keys are 256-bit random, so a fast hash is enough (no password to stretch).
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
-- ;;
CREATE INDEX api_keys_account ON api_keys (account_id, created_at);
