import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIGURATION_DOC, configurationDoc, renderConfigurationDoc } from '../config-doc';

const ROOT = resolve(__dirname, '../../..');

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` prints from the env schemas', () => {
    const committed = readFileSync(resolve(ROOT, CONFIGURATION_DOC), 'utf8');
    const expected = renderConfigurationDoc();
    if (committed === expected) return;
    const a = committed.split('\n');
    const b = expected.split('\n');
    const at = b.findIndex((line, i) => a[i] !== line);
    assert.fail(
      `${CONFIGURATION_DOC} is stale: run \`npm run docs:config\` and commit the result.\n` +
        `first difference at line ${at + 1}:\n  file:      ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`,
    );
  });

  it('documents every variable of every process once', () => {
    const page = renderConfigurationDoc();
    for (const section of configurationDoc.sections) {
      for (const name of Object.keys(section.schema)) {
        assert.match(page, new RegExp(`^\\| \`${name}\` +\\|`, 'm'), `${name} of ${section.title}`);
      }
    }
    // shared variables are listed in their own section only
    assert.equal(page.match(/^\| `REDIS_URL` /gm)?.length, 1);
    assert.equal(page.match(/^\| `S3_ENDPOINT` /gm)?.length, 1);
  });
});
