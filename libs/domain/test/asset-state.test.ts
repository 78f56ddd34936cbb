import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssetState,
  DomainError,
  assertAcceptsSource,
  assertPlayable,
  assetChange,
  canChangeAsset,
  isPlayable,
  isSettled,
  isTranscoding,
} from '#domain';

const ALL: AssetState[] = ['uploading', 'queued', 'processing', 'ready', 'failed'];
const where = (p: (s: AssetState) => boolean) => ALL.filter(p);

describe('a media asset', () => {
  it('takes a source while uploading, and a new one after a failure, never while transcoding or once ready', () => {
    assert.deepEqual(
      where((s) => canChangeAsset(s, 'queue')),
      ['uploading', 'failed'],
    );
    assert.equal(assetChange('queue').to, 'queued');
    assert.throws(
      () => assertAcceptsSource('processing'),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict' && /the asset is processing/.test(e.message),
    );
    assert.doesNotThrow(() => assertAcceptsSource('failed'));
  });

  it('moves on only while a transcoder works on it: progress, ready or failed', () => {
    for (const change of ['progress', 'complete', 'fail'] as const) {
      assert.deepEqual(
        where((s) => canChangeAsset(s, change)),
        ['queued', 'processing'],
        change,
      );
    }
    assert.deepEqual(where(isTranscoding), ['queued', 'processing']);
  });

  it('never leaves ready on a transcoder report: a late progress or failure of an old attempt changes nothing', () => {
    for (const change of ['queue', 'progress', 'hand-over-recording', 'complete', 'fail'] as const) {
      assert.equal(canChangeAsset('ready', change), false, change);
    }
  });

  it('hands a live recording over from uploading straight to processing', () => {
    assert.deepEqual(assetChange('hand-over-recording'), { from: ['uploading'], to: 'processing' });
  });

  it('reopens a live recording closed after its job failed, ready or failed, when the presenter publishes again', () => {
    assert.deepEqual(assetChange('reopen-recording'), { from: ['ready', 'failed'], to: 'uploading' });
  });

  it('is settled once ready or failed, the end of its progress channel', () => {
    assert.deepEqual(where(isSettled), ['ready', 'failed']);
  });

  it('plays only when ready', () => {
    assert.deepEqual(where(isPlayable), ['ready']);
    assert.throws(
      () => assertPlayable('queued'),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict' && /not ready to play/.test(e.message),
    );
  });
});
