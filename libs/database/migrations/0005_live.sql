-- Live streams: one row per event that went live, pointing at the media asset that holds its recording (and its
-- AES-128 key, which the key server serves to viewers holding a playback token for the event), plus the latest
-- ingest health the presenter sees.
CREATE TABLE live_streams (
  event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  asset_id uuid NOT NULL REFERENCES media_assets(id) ON DELETE CASCADE,
  output_prefix text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text,
  health jsonb,
  health_at timestamptz,
  replay_ready_at timestamptz
);
