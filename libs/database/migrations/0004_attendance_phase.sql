-- Attendees watch live or, after the live event (or for an on-demand event), on demand: each phase has seats of its
-- own in admission's ledger. Peaks and the overage fee count the live phase; on-demand sessions are reported apart.
ALTER TABLE attendance_log ADD COLUMN phase text NOT NULL DEFAULT 'live' CHECK (phase IN ('live', 'on-demand'));
