import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '#test-support';

// Compile-time rule: a check may not answer null or undefined as its value ("not yet" is false or a throw).
// @ts-expect-error Type 'string | null' is not a value eventually accepts
export const refusedAtCompileTime = () => eventually(() => null as string | null);

describe('eventually', () => {
  it("returns the check's value once it passes", async () => {
    let calls = 0;
    const value = await eventually(() => (++calls >= 3 ? `ready after ${calls}` : false), { interval: 1 });
    assert.equal(value, 'ready after 3');
    assert.equal(calls, 3);
  });

  it('retries an assertion until it holds', async () => {
    let n = 0;
    await eventually(
      () => {
        n++;
        assert.ok(n >= 4, `n is ${n}`);
      },
      { interval: 1 },
    );
    assert.equal(n, 4);
  });

  it('passes at once when the check holds the first time', async () => {
    let calls = 0;
    assert.equal(await eventually(async () => ++calls), 1);
    assert.equal(calls, 1);
  });

  it('fails with what was awaited and why the last attempt failed', async () => {
    let calls = 0;
    await assert.rejects(
      eventually(
        () => {
          calls++;
          const state: string = 'queued';
          assert.ok(state === 'ready', `asset state is ${state}`);
        },
        { timeout: 60, interval: 5, message: 'asset ready' },
      ),
      (e: Error) => {
        assert.match(e.message, /^asset ready: not within 60 ms \(\d+ attempts?; asset state is queued\)$/);
        assert.equal(Number(/\((\d+) attempt/.exec(e.message)![1]), calls);
        return true;
      },
    );
    assert.ok(calls >= 1);
  });

  it('says so when the check kept returning false', async () => {
    await assert.rejects(
      eventually(() => false, { timeout: 20, interval: 5 }),
      /^Error: condition: not within 20 ms .*the check returned false\)$/,
    );
  });

  it('treats null from an untyped check as not yet', async () => {
    let calls = 0;
    const untyped = (): any => (++calls >= 2 ? 'value' : null);
    assert.equal(await eventually(untyped, { interval: 1 }), 'value');
    assert.equal(calls, 2);
  });

  it('puts further lines of the message after the reason', async () => {
    await assert.rejects(
      eventually(() => false, { timeout: 10, interval: 5, message: () => 'ready line\nprocess output' }),
      /^Error: ready line: not within 10 ms \(\d+ attempts?; the check returned false\)\nprocess output$/,
    );
  });

  it('builds a lazy message only when it fails', async () => {
    let built = 0;
    const message = () => `built ${++built}`;
    await eventually(() => true, { message });
    assert.equal(built, 0);
    await assert.rejects(
      eventually(() => false, { timeout: 10, interval: 5, message }),
      /^Error: built 1: /,
    );
    assert.equal(built, 1);
  });

  it('never runs two attempts at once', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    await eventually(
      async () => {
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
        return ++calls >= 5;
      },
      { interval: 0 },
    );
    assert.equal(most, 1);
    assert.equal(calls, 5);
  });

  it('gives up on a check that never settles instead of hanging with it', async () => {
    await assert.rejects(
      eventually(() => new Promise<boolean>(() => undefined), { timeout: 30, message: 'a hung probe' }),
      /^Error: a hung probe: not within 30 ms \(1 attempt; the check was still running at the deadline\)$/,
    );
  });
});
