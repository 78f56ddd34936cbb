-- Simulive: an on-demand event played as if live (opens by itself at its start, one shared position, ends with the
-- recording). Only on-demand events can be; a live event has a presenter.
ALTER TABLE events ADD COLUMN play_as_live boolean NOT NULL DEFAULT false;
-- ;;
ALTER TABLE events ADD CONSTRAINT events_play_as_live_on_demand CHECK (NOT play_as_live OR mode = 'on-demand');
-- ;;
CREATE INDEX events_simulive_due ON events (starts_at) WHERE play_as_live AND state IN ('scheduled', 'live');
