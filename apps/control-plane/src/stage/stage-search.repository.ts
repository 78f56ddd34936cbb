import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface StageSearchOptions {
  limit: number;
  offset: number;
}

export interface StageSearchHit {
  id: string;
  channelId: string;
  channelName: string;
  title: string;
  /** The title, HTML-escaped, with the words that matched in `<mark>`: the only markup it holds. */
  highlightedTitle: string;
  /** A passage of the description, escaped and marked the same way. */
  snippet: string;
  tags: string[];
  language: 'fr' | 'en';
  durationSeconds: number | null;
  posterKey: string | null;
  publishedAt: string;
}

export interface StageSearchResult {
  total: number;
  items: StageSearchHit[];
}

export const STAGE_SEARCH_MAX_LIMIT = 50;
/** Longer queries are cut: nobody types more, and websearch_to_tsquery's cost grows with them. */
export const STAGE_SEARCH_MAX_QUERY = 200;

type Row = {
  total: number;
  id: string | null;
  channel_id: string;
  channel_name: string;
  title: string;
  highlighted_title: string;
  snippet: string;
  tags: string[];
  language: 'fr' | 'en';
  duration_seconds: number | null;
  poster_key: string | null;
  published_at: Date | string;
};

const ESCAPE = (col: string) =>
  `replace(replace(replace(replace(replace(${col}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;
const MARKS = 'StartSel=<mark>, StopSel=</mark>';

// $1: the query as typed. Matches are words (either language, accents ignored) or, for typos, trigrams of the
// title: similarity over the whole title (short titles) or word similarity (one word of a longer title), at
// pg_trgm's default thresholds 0.3 and 0.6, which the `%` and `<%` operators use so that the GIN index serves them.
// Word matches rank first, by ts_rank; typo-only matches follow, closest first.
const SEARCH = `
WITH q AS (
  SELECT websearch_to_tsquery('pg_catalog.french', stage_unaccent($1))
      || websearch_to_tsquery('pg_catalog.english', stage_unaccent($1)) AS words,
         stage_unaccent(lower($1)) AS plain,
         websearch_to_tsquery('stage_french', $1) || websearch_to_tsquery('stage_english', $1) AS marks
),
hits AS (
  SELECT v.*, c.name AS channel_name,
         v.search_document @@ q.words AS word_match,
         ts_rank(v.search_document, q.words) AS rank,
         greatest(similarity(stage_unaccent(lower(v.title)), q.plain),
                  word_similarity(q.plain, stage_unaccent(lower(v.title)))) AS closeness
  FROM stage_videos v JOIN stage_channels c ON c.id = v.channel_id, q
  WHERE v.status = 'published' AND v.visibility = 'public'
    AND (v.search_document @@ q.words
         OR stage_unaccent(lower(v.title)) % q.plain
         OR q.plain <% stage_unaccent(lower(v.title)))
),
page AS (
  SELECT * FROM hits ORDER BY word_match DESC, rank DESC, closeness DESC, published_at DESC, id LIMIT $2 OFFSET $3
)
SELECT (SELECT count(*) FROM hits)::int AS total, page.id, page.channel_id, page.channel_name, page.title,
       ts_headline(CASE page.language WHEN 'fr' THEN 'stage_french' ELSE 'stage_english' END::regconfig,
                   ${ESCAPE('page.title')}, q.marks, '${MARKS}, HighlightAll=true') AS highlighted_title,
       ts_headline(CASE page.language WHEN 'fr' THEN 'stage_french' ELSE 'stage_english' END::regconfig,
                   ${ESCAPE('page.description')}, q.marks, '${MARKS}, MaxWords=30, MinWords=12, MaxFragments=2')
         AS snippet,
       page.tags, page.language, page.duration_seconds, page.poster_key, page.published_at
FROM q LEFT JOIN page ON true
ORDER BY page.word_match DESC, page.rank DESC, page.closeness DESC, page.published_at DESC, page.id`;

/** Search of Stage's public catalogue: published public videos only, never unlisted nor moderated ones. */
@Injectable()
export class StageSearchRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async search(query: string, opts: StageSearchOptions): Promise<StageSearchResult> {
    const text = query.trim().slice(0, STAGE_SEARCH_MAX_QUERY);
    if (!text) return { total: 0, items: [] };
    const limit = Math.min(Math.max(Math.trunc(opts.limit), 1), STAGE_SEARCH_MAX_LIMIT);
    const offset = Math.max(Math.trunc(opts.offset), 0);
    const rows = await this.db.query<Row>(SEARCH, [text, limit, offset]);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.filter((r) => r.id !== null).map(toHit),
    };
  }
}

function toHit(r: Row): StageSearchHit {
  return {
    id: r.id as string,
    channelId: r.channel_id,
    channelName: r.channel_name,
    title: r.title,
    highlightedTitle: r.highlighted_title,
    snippet: r.snippet,
    tags: r.tags,
    language: r.language,
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    posterKey: r.poster_key,
    publishedAt: new Date(r.published_at).toISOString(),
  };
}
