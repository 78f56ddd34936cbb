import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

// Every string of the console is in English and French. The type check refuses a t('key') the English file lacks;
// this test refuses a key (or a {{value}} or <tag>) that one locale has and the other does not. Keys built at run
// time (t(`eventState.${state}`)) are covered in the browser: the end-to-end tests fail on i18next's missing-key line.

const LOCALES = resolve(__dirname, '../../../../apps/web/src/i18n/locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

const areaFiles = (lng: string) =>
  readdirSync(join(LOCALES, lng))
    .filter((f) => f.endsWith('.json'))
    .sort();

/** A locale is the union of its area files; two areas owning the same top-level key would overwrite each other. */
function load(lng: string): Map<string, string> {
  const owner = new Map<string, string>();
  const out = new Map<string, string>();
  for (const file of areaFiles(lng)) {
    const tree = JSON.parse(readFileSync(join(LOCALES, lng, file), 'utf8')) as Tree;
    for (const top of Object.keys(tree)) {
      assert.equal(owner.get(top), undefined, `${lng}: "${top}" is in both ${owner.get(top)} and ${file}`);
      owner.set(top, file);
    }
    flatten(tree, '', out);
  }
  return out;
}
const en = load('en');
const fr = load('fr');

/** Keys as code names them: plural forms (key_one, key_other…) count as their base key. */
const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

describe('the web app locales', () => {
  it('join every area file in each index, and have the same area files in both', () => {
    assert.deepEqual(areaFiles('fr'), areaFiles('en'));
    for (const lng of ['en', 'fr']) {
      const index = readFileSync(join(LOCALES, lng, 'index.ts'), 'utf8');
      for (const file of areaFiles(lng)) {
        assert.match(index, new RegExp(`from './${file.replace('.', '\\.')}'`), `${lng}/index.ts`);
      }
    }
  });

  it('have the same keys in English and French', () => {
    const e = baseKeys(en);
    const f = baseKeys(fr);
    assert.deepEqual(
      [...e].filter((k) => !f.has(k)),
      [],
      'in English, missing in French',
    );
    assert.deepEqual(
      [...f].filter((k) => !e.has(k)),
      [],
      'in French, missing in English',
    );
  });

  it('give every plural its "one" and "other" forms in both', () => {
    for (const [name, m] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      const plurals = new Set([...m.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      for (const base of plurals) {
        assert.ok(m.has(`${base}_one`) && m.has(`${base}_other`), `${name}: ${base} needs _one and _other`);
      }
    }
  });

  it('keep every {{value}} and <tag> of a string in its translation', () => {
    for (const [key, text] of en) {
      const other = fr.get(key) ?? fr.get(key.replace(PLURAL, '_other'));
      if (other === undefined) continue; // reported by the first test
      assert.deepEqual(placeholders(other), placeholders(text), `fr "${key}": ${other}`);
    }
  });

  it('leave no string empty', () => {
    for (const [name, m] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      for (const [key, text] of m) assert.notEqual(text.trim(), '', `${name}: ${key} is empty`);
    }
  });
});
