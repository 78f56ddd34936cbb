import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { WEB_API_TYPES_FILE, renderWebApiTypes } from '../src/openapi/web-api-types';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// The web app's API types are generated from the OpenAPI document the control plane serves; a change to a
// controller's documented shape without `npm run generate:api` fails here, not in a user's browser.
describe("the web app's API types", () => {
  let cp: ControlPlaneHarness;
  before(async () => {
    cp = await startControlPlane();
  });
  after(async () => {
    await cp?.close();
  });

  it('are what the running control plane documents (else: npm run generate:api)', async () => {
    const res = await fetch(`${cp.url}/docs-json`);
    assert.equal(res.status, 200);
    const expected = await renderWebApiTypes((await res.json()) as object);
    const checkedIn = readFileSync(WEB_API_TYPES_FILE, 'utf8');
    if (checkedIn !== expected) {
      const a = checkedIn.split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.fail(
        `apps/web/src/api/schema.d.ts is stale: run \`npm run generate:api\` and commit it. First difference at line ${line + 1}:\n` +
          `  checked in: ${a[line] ?? '(end of file)'}\n  documented: ${b[line] ?? '(end of file)'}`,
      );
    }
  });
});
