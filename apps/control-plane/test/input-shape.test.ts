import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_INPUT_DEPTH, inputShapeProblem } from '../src/http/input-shape.pipe';

const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

describe('the shape of a body or query', () => {
  it('takes ordinary input, however many fields', () => {
    assert.equal(inputShapeProblem({ admin: { name: 'Grace' }, organizers: [{ name: 'Ada' }] }, 'body'), null);
    assert.equal(inputShapeProblem({ title: nested(MAX_INPUT_DEPTH - 1) }, 'body'), null);
  });

  it('refuses a NUL character, naming the field by its dotted path', () => {
    assert.deepEqual(inputShapeProblem({ organizers: [{ name: 'A\u0000da' }] }, 'body'), {
      field: 'organizers.0.name',
      message: 'organizers.0.name may not contain a NUL character (U+0000)',
    });
    assert.equal(inputShapeProblem('name,email\n\u0000', 'body')?.field, 'body');
  });

  it('refuses nesting deeper than the limit, naming the top-level field, without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(inputShapeProblem({ title: deep }, 'body')?.field, 'title');
    assert.equal(inputShapeProblem({ title: nested(MAX_INPUT_DEPTH) }, 'body')?.field, 'title');
  });
});
