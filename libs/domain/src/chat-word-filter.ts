// The chat's word filter: a message that hits it is held for the moderators' review, never dropped silently and
// never shown to the room before a moderator approves it. English comes from obscenity's maintained dataset (with
// its transformers for leetspeak, repeated letters and confusable characters); French, which obscenity does not
// ship, is a short list of the common insults and slurs in the same pattern syntax, matched on text whose accents
// are folded, so "salopé" and "SAL0PE" hit like "salope". Servers import it as `#domain/chat-word-filter`, not from
// the index, so the web bundle does not carry the word lists.
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, parseRawPattern } from 'obscenity';

// `|` anchors a pattern to a word boundary; without it the pattern matches inside longer words. Patterns are written
// without repeated letters: the transformers collapse "connnard" to "conard" before matching.
const FRENCH_PATTERNS = [
  'conard',
  'conase',
  '|con|',
  'encule',
  'salope',
  'salaud',
  '|pute',
  'putain',
  'bordel de merde',
  '|merde',
  'nique ta',
  'niquer',
  'batard',
  'pede|',
  'tapet',
  'gouine',
  'bougnoul',
  'negro',
  'youpin',
  'fils de pute',
  'ta gueule',
  'branleur',
  'trou du cul',
  'enfoire',
];

// French term ids start far above obscenity's own ids, so the two lists never share one.
const FRENCH_ID_OFFSET = 100_000;

const frenchDataset = new DataSet<{ word: string }>();
for (const raw of FRENCH_PATTERNS) {
  frenchDataset.addPhrase((phrase) =>
    phrase.setMetadata({ word: raw.replace(/\|/g, '') }).addPattern(parseRawPattern(raw)),
  );
}

const english = englishDataset.build();
const french = frenchDataset.build();
const frenchTerms = french.blacklistedTerms.map((term) => ({ ...term, id: term.id + FRENCH_ID_OFFSET }));

const matcher = new RegExpMatcher({
  blacklistedTerms: [...english.blacklistedTerms, ...frenchTerms],
  whitelistedTerms: [...(english.whitelistedTerms ?? []), ...(french.whitelistedTerms ?? [])],
  ...englishRecommendedTransformers,
});

export interface ChatWordCheck {
  /** True when the message waits for a moderator instead of reaching the room. */
  held: boolean;
  /** The words that matched, for the moderator's review queue (never shown to attendees). */
  words: string[];
}

function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

export function checkChatWords(text: string): ChatWordCheck {
  const folded = foldAccents(text);
  const words = new Set<string>();
  for (const match of matcher.getAllMatches(folded, true)) {
    words.add(folded.slice(match.startIndex, match.endIndex + 1).toLowerCase());
  }
  return { held: words.size > 0, words: [...words] };
}
