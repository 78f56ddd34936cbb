-- Mail to registrants: the language each registrant reads mails in, and the time zone an event is scheduled in
-- (its mails and calendar invitation show the time in it).
ALTER TABLE registrations ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
ALTER TABLE events ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
