import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantToWallTime, isoInZone, offsetMinutes, wallTimeToInstant } from '../src/format/zoned-time';

// The event form reads what the organizer types in the time zone they chose.
describe('wall-clock times in a time zone', () => {
  it('reads a Paris winter and summer time with their offsets', () => {
    assert.equal(wallTimeToInstant('2026-01-15T10:00', 'Europe/Paris')?.toISOString(), '2026-01-15T09:00:00.000Z');
    assert.equal(wallTimeToInstant('2026-07-15T10:00', 'Europe/Paris')?.toISOString(), '2026-07-15T08:00:00.000Z');
    assert.equal(isoInZone(new Date('2026-01-15T09:00:00Z'), 'Europe/Paris'), '2026-01-15T10:00:00+01:00');
    assert.equal(isoInZone(new Date('2026-07-15T08:00:00Z'), 'Europe/Paris'), '2026-07-15T10:00:00+02:00');
  });

  it('handles zones west of UTC, half-hour offsets and UTC itself', () => {
    assert.equal(wallTimeToInstant('2026-03-01T09:30', 'America/New_York')?.toISOString(), '2026-03-01T14:30:00.000Z');
    assert.equal(isoInZone(new Date('2026-03-01T14:30:00Z'), 'America/New_York'), '2026-03-01T09:30:00-05:00');
    assert.equal(offsetMinutes(new Date('2026-03-01T00:00:00Z'), 'Asia/Kolkata'), 330);
    assert.equal(isoInZone(new Date('2026-03-01T04:30:00Z'), 'Asia/Kolkata'), '2026-03-01T10:00:00+05:30');
    assert.equal(isoInZone(new Date('2026-03-01T10:00:00Z'), 'UTC'), '2026-03-01T10:00:00+00:00');
  });

  it('round-trips every quarter hour across the spring and autumn changes in Paris', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let q = 0; q < 96; q++) {
        const wall = `${day}T${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
        const at = wallTimeToInstant(wall, 'Europe/Paris')!;
        // 02:00–02:59 on 29 March does not exist in Paris: it moves forward an hour, like the clocks
        const expected = day === '2026-03-29' && wall.slice(11, 13) === '02' ? `${day}T03${wall.slice(13)}` : wall;
        assert.equal(instantToWallTime(at, 'Europe/Paris'), expected, wall);
      }
    }
  });

  it('refuses what is not a wall time', () => {
    assert.equal(wallTimeToInstant('', 'UTC'), null);
    assert.equal(wallTimeToInstant('2026-03-01', 'UTC'), null);
    assert.equal(wallTimeToInstant('tomorrow 10:00', 'UTC'), null);
  });
});
