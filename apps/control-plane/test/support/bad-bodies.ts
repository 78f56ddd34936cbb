import fc from 'fast-check';

// Generators of request bodies that are wrong in exactly one place, so the test knows which field the answer
// must name. Built from a small description of each endpoint's fields.

export type FieldSpec =
  | { path: string; kind: 'string'; min: number; max: number; required: boolean }
  | { path: string; kind: 'email'; max: number; required: boolean }
  | { path: string; kind: 'int'; min: number; max: number; required: boolean }
  | { path: string; kind: 'number'; min: number; max: number; required: boolean }
  | { path: string; kind: 'date'; required: boolean }
  | { path: string; kind: 'enum'; values: readonly string[]; required: boolean }
  | { path: string; kind: 'enumArray'; values: readonly string[]; required: boolean }
  | { path: string; kind: 'boolean'; required: boolean }
  /** nullable: null is a meaning of its own (detach), not a missing value. */
  | { path: string; kind: 'uuid'; required: boolean; nullable?: boolean };

export interface BadBody {
  what: string;
  /** The field the answer must name ('body' when the body as a whole is wrong). */
  field: string;
  /** The JSON text to send. */
  raw: string;
}

const MALFORMED_DATES = [
  'tomorrow',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01',
  '2026-01-01T25:00:00Z',
  '2026-01-01 10:00:00Z',
  '2026-01-01T10:00:00',
  '01/02/2026 10:00',
  '2026-01-01T10:00:00+25:00',
  '',
  '  ',
  'null',
  '1767261600000',
];
const RESERVED = new Set(
  Object.getOwnPropertyNames(Object.prototype).concat(['prototype', '__proto__', 'constructor']),
);

function set(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(obj);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (value === undefined) delete at[keys[keys.length - 1]];
  else at[keys[keys.length - 1]] = value;
  return copy;
}

// Oversized strings of visible characters: surrounding whitespace is trimmed and would shrink them.
const oversized = (max: number) =>
  fc.string({ minLength: max + 1, maxLength: max + 300 }).map((s) => s.replace(/\s/g, 'x'));
const notNull = <T>(a: fc.Arbitrary<T>) => a.filter((v) => v !== null && v !== undefined);
const nonString = notNull(
  fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer(), { maxKeys: 2 }),
  ),
);
// PostgreSQL cannot store U+0000 in text: a value holding one must be refused, never reach the database.
const withNul = fc
  .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }))
  .map(([a, b]) => `${a}\u0000${b}`);
const nonInt = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Wrong values for one field: wrong type, out of range, too long or short, malformed. */
function badValues(f: FieldSpec): fc.Arbitrary<{ what: string; value: unknown }> {
  const tag = (what: string) => (a: fc.Arbitrary<unknown>) => a.map((value) => ({ what, value }));
  const options: fc.Arbitrary<{ what: string; value: unknown }>[] = [];
  if (f.required) {
    options.push(fc.constant({ what: 'missing', value: undefined }));
    if (!(f.kind === 'uuid' && f.nullable)) options.push(fc.constant({ what: 'null', value: null }));
  }
  switch (f.kind) {
    case 'string':
      options.push(tag('wrong type')(nonString), tag('oversized')(oversized(f.max)), tag('NUL character')(withNul));
      if (f.min > 0) {
        options.push(tag('too short')(fc.string({ maxLength: f.min - 1 }).map((s) => s.replace(/\S/g, ' '))));
      }
      break;
    case 'email':
      options.push(
        tag('wrong type')(nonString),
        tag('oversized')(oversized(f.max)),
        tag('not an email')(fc.string({ maxLength: 40 }).filter((s) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()))),
      );
      break;
    case 'int':
      options.push(
        tag('wrong type')(nonInt),
        // a max beyond fc.integer's range means no upper bound
        tag('out of range')(
          f.max >= 2 ** 31 - 1
            ? fc.integer({ max: f.min - 1 })
            : fc.oneof(fc.integer({ min: f.max + 1 }), fc.integer({ max: f.min - 1 })),
        ),
      );
      break;
    case 'number':
      options.push(
        tag('wrong type')(
          notNull(fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }))),
        ),
        tag('out of range')(
          fc
            .oneof(fc.double({ min: f.max, noNaN: true }), fc.double({ max: f.min, noNaN: true }))
            .filter((d) => d > f.max || d < f.min),
        ),
      );
      break;
    case 'date':
      options.push(
        tag('wrong type')(nonString),
        tag('malformed date')(fc.oneof(fc.constantFrom(...MALFORMED_DATES), fc.string({ maxLength: 30 }))),
      );
      break;
    case 'enum':
      options.push(
        tag('wrong type')(nonString),
        tag('not one of the values')(fc.string({ maxLength: 20 }).filter((s) => !f.values.includes(s))),
      );
      break;
    case 'uuid':
      options.push(tag('wrong type')(nonString), tag('not an id')(fc.string({ maxLength: 40 })));
      break;
    case 'boolean':
      options.push(
        tag('wrong type')(
          notNull(fc.oneof(fc.constantFrom('true', 'false', '1', ''), fc.integer(), nonString)).filter(
            (v) => typeof v !== 'boolean',
          ),
        ),
      );
      break;
    case 'enumArray':
      options.push(
        tag('not an array')(fc.oneof(fc.constantFrom(...f.values), fc.integer(), fc.boolean(), fc.constant({}))),
        tag('empty')(fc.constant([])),
        tag('a value not allowed')(
          fc
            .tuple(
              fc.constantFrom(...f.values),
              fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)),
            )
            .filter(([, v]) => !f.values.includes(v as string))
            .map(([ok, v]) => [ok, v]),
        ),
      );
      break;
  }
  return fc.oneof(...options);
}

export function badBodies(
  valid: Record<string, unknown>,
  fields: FieldSpec[],
  extra: fc.Arbitrary<BadBody>[] = [],
): fc.Arbitrary<BadBody> {
  const oneField = fc.constantFrom(...fields).chain((f) =>
    badValues(f).map(({ what, value }) => ({
      what: `${f.path}: ${what} ${JSON.stringify(value)?.slice(0, 60)}`,
      field: f.path,
      raw: JSON.stringify(set(valid, f.path, value)),
    })),
  );
  const unknownField = fc
    .stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,15}$/)
    .filter((k) => !(k in valid) && !RESERVED.has(k))
    .map((k) => ({ what: `unknown field ${k}`, field: k, raw: JSON.stringify({ ...valid, [k]: 1 }) }));
  const malformedJson = fc
    .oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('{', '{"a":', "{'a':1}", '{"a":1,}', '[1,2', 'undefined', 'NaN'),
    )
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return s.trim() !== '';
      }
    })
    .map((raw) => ({ what: `malformed JSON ${JSON.stringify(raw)}`, field: 'body', raw }));
  const notAnObject = fc
    .oneof(
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.integer(),
      fc.string({ maxLength: 10 }),
      fc.boolean(),
      fc.constant(null),
    )
    .map((v) => ({ what: `not an object ${JSON.stringify(v)}`, field: 'body', raw: JSON.stringify(v) }));
  // deeper than any body of ours: refused naming the top-level field, not a stack overflow in the validator
  const tooDeep = fc
    .tuple(fc.constantFrom(...Object.keys(valid)), fc.integer({ min: 33, max: 20_000 }), fc.boolean())
    .map(([k, depth, arrays]) => {
      const inner = arrays
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const rest = JSON.stringify({ ...valid, [k]: undefined }).slice(1);
      return {
        what: `${k}: ${arrays ? 'arrays' : 'objects'} nested ${depth} deep`,
        field: k,
        raw: `{${JSON.stringify(k)}:${inner}${rest === '}' ? '' : ','}${rest}`,
      };
    });
  return fc.oneof(
    { arbitrary: oneField, weight: 6 },
    { arbitrary: tooDeep, weight: 1 },
    { arbitrary: unknownField, weight: 1 },
    { arbitrary: malformedJson, weight: 1 },
    { arbitrary: notAnObject, weight: 1 },
    ...extra.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}
