-- Stage: the platform's public video site. Viewers are platform-wide identities, apart from the named users of
-- customer accounts; each account publishes to one channel. Search is PostgreSQL full text in french and english
-- over unaccented text, plus trigrams on the title for typos, the same on PostgreSQL and on embedded PGlite.
-- Extensions live in public so that dropping a schema (the tests' one each) never drops them for the others.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- unaccent() is only STABLE (its dictionary could change), so generated columns and indexes cannot call it; this
-- wrapper names the dictionary and promises the result never changes. Change the rules, rebuild the indexes.
CREATE FUNCTION stage_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Title (A), tags (B) and description (C), each in both languages: a viewer searches in either, whatever the video's.
CREATE FUNCTION stage_search_document(title text, tags text[], description text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('pg_catalog.french', t), 'A') || setweight(to_tsvector('pg_catalog.english', t), 'A')
      || setweight(to_tsvector('pg_catalog.french', g), 'B') || setweight(to_tsvector('pg_catalog.english', g), 'B')
      || setweight(to_tsvector('pg_catalog.french', d), 'C') || setweight(to_tsvector('pg_catalog.english', d), 'C')
  FROM (SELECT public.unaccent('public.unaccent'::regdictionary, coalesce(title, '')) AS t,
               public.unaccent('public.unaccent'::regdictionary, coalesce(array_to_string(tags, ' '), '')) AS g,
               public.unaccent('public.unaccent'::regdictionary, coalesce(description, '')) AS d) AS unaccented
$$;

-- Highlighting marks words of the title as shown, accents and all: these configurations unaccent as they parse,
-- so "Événement" is marked for the query "evenement". The stored document does not depend on them.
CREATE TEXT SEARCH CONFIGURATION stage_french (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION stage_french
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION stage_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION stage_english
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;

CREATE TABLE viewers (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
  language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  -- null until the viewer follows the link mailed at sign-up
  verified_at timestamptz,
  -- a paused history records no watch position and no view of theirs
  history_paused boolean NOT NULL DEFAULT false,
  -- creators see aggregates only, unless the viewer agrees to be named
  share_name_with_creators boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX viewers_email_unique ON viewers (lower(email));

CREATE TABLE stage_channels (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stage_videos (
  id uuid PRIMARY KEY,
  channel_id uuid NOT NULL REFERENCES stage_channels (id) ON DELETE CASCADE,
  -- the transcoded media; deleting the asset deletes the video (the archive keeps nothing its owner removed)
  asset_id uuid UNIQUE REFERENCES media_assets (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  tags text[] NOT NULL DEFAULT '{}',
  language text NOT NULL CHECK (language IN ('fr', 'en')),
  -- unlisted: playable by link, never listed nor found; account: for the viewers of the channel's account
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'account')),
  -- restricted and taken_down are moderation outcomes (DESIGN.md section 9)
  status text NOT NULL DEFAULT 'unpublished'
    CHECK (status IN ('published', 'unpublished', 'restricted', 'taken_down')),
  published_at timestamptz,
  duration_seconds double precision CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
  poster_key text,
  search_document tsvector GENERATED ALWAYS AS (stage_search_document(title, tags, description)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'published' OR (published_at IS NOT NULL AND asset_id IS NOT NULL))
);
CREATE INDEX stage_videos_channel ON stage_videos (channel_id, published_at DESC);
CREATE INDEX stage_videos_search ON stage_videos USING gin (search_document);
CREATE INDEX stage_videos_title_trgm ON stage_videos USING gin (stage_unaccent(lower(title)) gin_trgm_ops);

-- Where a viewer stopped in each video (resume), and whether they saw it through (excluded from recommendations).
CREATE TABLE stage_watch (
  viewer_id uuid NOT NULL REFERENCES viewers (id) ON DELETE CASCADE,
  video_id uuid NOT NULL REFERENCES stage_videos (id) ON DELETE CASCADE,
  position_seconds double precision NOT NULL DEFAULT 0 CHECK (position_seconds >= 0),
  watched boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (viewer_id, video_id)
);
CREATE INDEX stage_watch_history ON stage_watch (viewer_id, updated_at DESC);
CREATE INDEX stage_watch_video ON stage_watch (video_id);

-- Counted views (see stage-watch-rules in libs/domain for when a view counts). A viewer who deletes their account
-- leaves the counts anonymous: creators' totals do not change, nothing points back at them.
CREATE TABLE stage_views (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  viewer_id uuid REFERENCES viewers (id) ON DELETE SET NULL,
  video_id uuid NOT NULL REFERENCES stage_videos (id) ON DELETE CASCADE,
  counted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stage_views_video ON stage_views (video_id, counted_at);
CREATE INDEX stage_views_viewer ON stage_views (viewer_id, video_id, counted_at DESC) WHERE viewer_id IS NOT NULL;
