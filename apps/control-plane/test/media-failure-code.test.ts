import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnplayableMediaError, describeNestedReference, describeProbeFailure, parseProbe } from '#media';
import { liveNotRecordedReason } from '../src/live/live.service';
import { mediaFailureCode } from '../src/media/media-failure-code';

// The console translates a failure by its code: fed the sentences libs/media really writes, so a reworded one that
// no longer matches fails here rather than showing "Transcoding failed." to the organizer.
function probeReason(probe: Parameters<typeof parseProbe>[0]): string {
  try {
    parseProbe(probe);
  } catch (e) {
    if (e instanceof UnplayableMediaError) return e.reason;
    throw e;
  }
  throw new Error('the probe was accepted');
}

describe('the kind of a transcoding failure', () => {
  it('names each refusal of the probe', () => {
    assert.equal(mediaFailureCode(probeReason({ format: { format_name: 'tty' } })), 'not-media');
    assert.equal(
      mediaFailureCode(probeReason({ format: { format_name: 'mov', duration: '3' }, streams: [] })),
      'no-tracks',
    );
    assert.equal(
      mediaFailureCode(
        probeReason({ format: { format_name: 'mov' }, streams: [{ codec_type: 'audio', codec_name: 'aac' }] }),
      ),
      'no-duration',
    );
  });

  it('names each failure ffprobe reports on stderr', () => {
    assert.equal(mediaFailureCode(describeProbeFailure('x: moov atom not found')), 'missing-index');
    assert.equal(mediaFailureCode(describeProbeFailure('Invalid data found when processing input')), 'not-media');
    assert.equal(mediaFailureCode(describeProbeFailure('End of file')), 'incomplete');
    assert.equal(mediaFailureCode(describeProbeFailure('something else entirely')), 'unreadable');
    assert.equal(mediaFailureCode(describeProbeFailure("Protocol 'http' not on whitelist 'file'!")), 'not-media');
    assert.equal(mediaFailureCode(describeNestedReference('Skipped opening external track') ?? null), 'not-media');
    assert.equal(
      mediaFailureCode(probeReason({ format: { format_name: 'hls', duration: '2' }, streams: [] })),
      'not-media',
    );
  });

  it('names the worker and queue failures', () => {
    assert.equal(mediaFailureCode('The file is damaged: its video or audio data cannot be decoded.'), 'damaged');
    assert.equal(
      mediaFailureCode('The uploaded file is no longer in storage (the asset was deleted or replaced).'),
      'source-gone',
    );
    assert.equal(
      mediaFailureCode(
        'Transcoding stopped: the transcoders working on this file kept stopping (crashed or were killed).',
      ),
      'workers-stopped',
    );
    assert.equal(mediaFailureCode('The transcoding job was lost; upload the file again.'), 'job-lost');
    assert.equal(mediaFailureCode('Transcoding failed after 3 attempts: connect ECONNREFUSED'), 'retries-exhausted');
  });

  it('names a live recording of which nothing was stored before its job failed for good', () => {
    assert.equal(mediaFailureCode(liveNotRecordedReason('worker shutting down; 1 attempt')), 'live-not-recorded');
  });

  it('is null without a failure and unknown for a sentence no rule knows', () => {
    assert.equal(mediaFailureCode(null), null);
    assert.equal(mediaFailureCode('unknown error'), 'unknown');
  });
});
