import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { playerShortcut } from '../src/player/shortcuts';

describe('the player keyboard shortcuts', () => {
  it('play, mute and full screen in every mode', () => {
    for (const live of [false, true]) {
      assert.equal(playerShortcut(' ', live), 'toggle-play');
      assert.equal(playerShortcut('k', live), 'toggle-play');
      assert.equal(playerShortcut('m', live), 'toggle-mute');
      assert.equal(playerShortcut('f', live), 'fullscreen');
    }
  });

  it('seek five seconds on demand, and never on a live stream', () => {
    assert.equal(playerShortcut('ArrowLeft', false), 'back');
    assert.equal(playerShortcut('ArrowRight', false), 'forward');
    assert.equal(playerShortcut('ArrowLeft', true), null);
    assert.equal(playerShortcut('ArrowRight', true), null);
  });

  it('leave every other key to the page', () => {
    assert.equal(playerShortcut('a', false), null);
    assert.equal(playerShortcut('Tab', false), null);
  });
});
