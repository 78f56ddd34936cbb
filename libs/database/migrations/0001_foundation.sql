-- Accounts, their orders (licences), named users and scheduled events.
-- The licence rules that must hold across processes are constraints here, not checks in code:
-- one event at a time per organizer (exclusion constraint) and one live event per organizer (partial unique index).
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  seats integer NOT NULL CHECK (seats >= 1),
  attendee_limit integer NOT NULL CHECK (attendee_limit BETWEEN 1 AND 5000),
  buffer_percent integer NOT NULL DEFAULT 10 CHECK (buffer_percent BETWEEN 0 AND 100),
  overage_rate_cents integer NOT NULL CHECK (overage_rate_cents >= 0),
  overage_policy text NOT NULL CHECK (overage_policy IN ('bill', 'block')),
  overage_cap integer CHECK (overage_cap IS NULL OR overage_cap >= 0),
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until > valid_from)
);
CREATE INDEX orders_account ON orders(account_id);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- organizers hold a seat of one order; administrators hold none
  order_id uuid REFERENCES orders(id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'organizer')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- bumped on deactivation or reassignment so tokens issued before stop working at once
  token_version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  deactivated_at timestamptz,
  CHECK (role = 'admin' OR order_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_order_active ON users(order_id) WHERE active;

CREATE TABLE events (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES orders(id),
  organizer_id uuid NOT NULL REFERENCES users(id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  mode text NOT NULL CHECK (mode IN ('live', 'on-demand')),
  attendee_limit integer NOT NULL CHECK (attendee_limit BETWEEN 1 AND 5000),
  state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'live', 'ended', 'cancelled')),
  stream_key text NOT NULL UNIQUE,
  public_slug text NOT NULL UNIQUE,
  actual_start_at timestamptz,
  ended_at timestamptz,
  -- why a live event ended: 'presenter-stopped', 'duration-cap', 'organizer-ended', ...
  end_reason text,
  -- bumped on every change; the Redis snapshot carries it so readers can ignore stale copies
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (ends_at - starts_at <= interval '8 hours'),
  -- Half-open ranges: back-to-back events do not overlap. Cancelled events free their slot.
  CONSTRAINT events_one_at_a_time EXCLUDE USING gist (
    organizer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
  ) WHERE (state <> 'cancelled')
);
CREATE UNIQUE INDEX events_one_live_per_organizer ON events(organizer_id) WHERE state = 'live';
CREATE INDEX events_account ON events(account_id);

CREATE TABLE registrations (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX registrations_event_email ON registrations(event_id, lower(email));
