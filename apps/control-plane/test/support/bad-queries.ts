import fc from 'fast-check';

// Query strings that are wrong in exactly one parameter, so the test knows which one the answer must name.

export type QuerySpec =
  | { name: string; kind: 'int'; min: number; max: number }
  | { name: string; kind: 'string'; max: number }
  | { name: string; kind: 'pattern'; pattern: RegExp }
  | { name: string; kind: 'enum'; values: readonly string[] };

export interface BadQuery {
  what: string;
  /** The parameter the answer must name. */
  field: string;
  /** The query string, without the leading '?'. */
  query: string;
}

const encode = (params: [string, string][]) =>
  params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const isWholeNumberIn = (s: string, min: number, max: number) =>
  /^-?\d{1,15}$/.test(s) && Number(s) >= min && Number(s) <= max;

function badValues(q: QuerySpec): fc.Arbitrary<{ what: string; values: string[] }> {
  const one = (what: string) => (a: fc.Arbitrary<string>) => a.map((v) => ({ what, values: [v] }));
  const repeated = fc.constant<{ what: string; values: string[] }>({ what: 'given twice', values: ['1', '2'] });
  switch (q.kind) {
    case 'int':
      return fc.oneof(
        repeated,
        one('not a whole number')(fc.string({ maxLength: 12 }).filter((s) => !isWholeNumberIn(s, q.min, q.max))),
        one('a fraction')(
          fc
            .double({ min: q.min, max: q.max, noNaN: true })
            .filter((d) => !Number.isInteger(d))
            .map(String),
        ),
        one('out of range')(fc.oneof(fc.integer({ min: q.max + 1 }), fc.integer({ max: q.min - 1 })).map(String)),
      );
    case 'string':
      return fc.oneof(
        repeated,
        one('oversized')(fc.string({ minLength: q.max + 1, maxLength: q.max + 100 }).map((s) => s.replace(/\s/g, 'x'))),
        // PostgreSQL cannot compare text holding U+0000: refused before any query
        one('NUL character')(fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`)),
      );
    case 'enum':
      return fc.oneof(
        repeated,
        one('not one of the values')(fc.string({ maxLength: 20 }).filter((s) => !q.values.includes(s))),
      );
    case 'pattern':
      return fc.oneof(repeated, one('malformed')(fc.string({ maxLength: 12 }).filter((s) => !q.pattern.test(s))));
  }
}

export function badQueries(valid: Record<string, string>, specs: QuerySpec[]): fc.Arbitrary<BadQuery> {
  const oneParam = fc.constantFrom(...specs).chain((q) =>
    badValues(q).map(({ what, values }) => {
      const others = Object.entries(valid).filter(([k]) => k !== q.name);
      return {
        what: `${q.name}: ${what} ${JSON.stringify(values).slice(0, 60)}`,
        field: q.name,
        query: encode([...others, ...values.map((v): [string, string] => [q.name, v])]),
      };
    }),
  );
  const unknown = fc
    .stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/)
    .filter((k) => !(k in valid) && !specs.some((s) => s.name === k) && !['constructor', 'prototype'].includes(k))
    .map((k) => ({ what: `unknown parameter ${k}`, field: k, query: encode([...Object.entries(valid), [k, '1']]) }));
  return fc.oneof({ arbitrary: oneParam, weight: 6 }, { arbitrary: unknown, weight: 1 });
}
