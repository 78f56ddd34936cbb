-- Each event's attendance now comes from a stream of its own (`<prefix>:{evt:<id>}:attendance`, in the event's Redis
-- Cluster slot) instead of the deployment's one stream. Entry ids are unique per stream only: two events' streams,
-- or an event's stream and the old shared one during an upgrade, can give the same `<ms>-<seq>`. So the key is the
-- event, the stream the entry came from and its id; rows stored before are all from the shared stream, so a replay
-- of an entry still pending there stays a no-op.
ALTER TABLE attendance_log ADD COLUMN stream text NOT NULL DEFAULT 'shared' CHECK (stream IN ('shared', 'event'));
ALTER TABLE attendance_log DROP CONSTRAINT attendance_log_pkey;
ALTER TABLE attendance_log ADD PRIMARY KEY (event_id, stream, stream_id);
