-- The attendance log: every join and leave of a seated device, as admission's seat ledger wrote it to the Redis
-- stream. The stream entry id is the key, so a replayed entry (the control plane died between the write and the
-- XACK) is a no-op. `seats` is the concurrent seat count right after the change, so the peak is exact from the log.
CREATE TABLE attendance_log (
  stream_id text PRIMARY KEY,
  event_id uuid NOT NULL,
  registrant_id uuid NOT NULL,
  device_id text NOT NULL,
  node text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('join', 'leave')),
  tier text NOT NULL CHECK (tier IN ('included', 'buffer', 'overage')),
  -- 'open' on the join that gave the registrant its seat, 'close' on the leave that freed it
  edge text NOT NULL DEFAULT '' CHECK (edge IN ('', 'open', 'close')),
  reason text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  seats integer NOT NULL CHECK (seats >= 0)
);
CREATE INDEX attendance_log_event_at ON attendance_log (event_id, at, stream_id);

-- Per event: the most seats held at once (and when first reached). Kept with GREATEST, so replays cannot lower it.
CREATE TABLE attendance_peaks (
  event_id uuid PRIMARY KEY,
  peak_concurrent integer NOT NULL CHECK (peak_concurrent >= 0),
  peak_at timestamptz NOT NULL
);
