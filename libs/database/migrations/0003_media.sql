-- On-demand media: uploaded assets, the renditions a transcoder produced, and their AES-128 keys.
-- An asset points at the output prefix of the ONE transcoding attempt that completed (attempt_prefix); objects of
-- other attempts (a killed worker's) are never referenced and are swept when the asset becomes ready.
CREATE TABLE media_assets (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users(id),
  -- set when the asset is the recording of an event: a playback token for the event then opens it too
  event_id uuid REFERENCES events(id) ON DELETE SET NULL,
  title text NOT NULL,
  state text NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'queued', 'processing', 'ready', 'failed')),
  failure_reason text,
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  source_key text NOT NULL,
  source_bytes bigint,
  output_prefix text NOT NULL,
  attempt_prefix text,
  master_key text,
  poster_key text,
  duration_s double precision,
  total_bytes bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  ready_at timestamptz,
  CHECK (state <> 'ready' OR (attempt_prefix IS NOT NULL AND master_key IS NOT NULL AND duration_s IS NOT NULL)),
  CHECK (state <> 'failed' OR failure_reason IS NOT NULL)
);
CREATE INDEX media_assets_account ON media_assets(account_id, created_at);
CREATE INDEX media_assets_event ON media_assets(event_id) WHERE event_id IS NOT NULL;

CREATE TABLE media_renditions (
  asset_id uuid NOT NULL REFERENCES media_assets(id) ON DELETE CASCADE,
  name text NOT NULL,
  width integer,
  height integer,
  bandwidth integer NOT NULL,
  average_bandwidth integer NOT NULL,
  codecs text NOT NULL,
  bytes bigint NOT NULL,
  playlist_key text NOT NULL,
  PRIMARY KEY (asset_id, name)
);

-- Keys live here only: never in the bucket, never in a job's data.
CREATE TABLE media_keys (
  asset_id uuid PRIMARY KEY REFERENCES media_assets(id) ON DELETE CASCADE,
  key bytea NOT NULL CHECK (length(key) = 16),
  created_at timestamptz NOT NULL DEFAULT now()
);
