// localMinuteOfDay and localWeekday answer from the zone's offset per quarter hour, not from a
// luxon DateTime per instant: both must agree with luxon at every minute around DST changes,
// in zones with half-hour and 45-minute offsets, and with a half-hour DST shift.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localMinuteOfDay, localWeekday } from '../../../src/core/nudges/local-time.js';

const ZONES = ['Europe/London', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Asia/Tokyo', 'UTC'];
// Spans that hold the 2026 transitions of the zones above (northern spring and autumn, southern April and October).
const SPANS = ['2026-03-07T00:00:00Z', '2026-03-28T00:00:00Z', '2026-04-04T00:00:00Z', '2026-09-26T00:00:00Z', '2026-10-03T00:00:00Z', '2026-10-24T00:00:00Z', '2026-10-31T00:00:00Z'];

describe('local minute and weekday from quarter-hour offsets', () => {
  it('agree with luxon every 127 s over three days around each transition', () => {
    let checked = 0;
    for (const zone of ZONES) {
      for (const span of SPANS) {
        const start = Date.parse(span);
        // Every 2 min 7 s for three days: the odd step lands on every minute of the quarter hours over the span, at varying seconds.
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 127_000) {
          const local = DateTime.fromMillis(ms, { zone });
          expect(localMinuteOfDay(new Date(ms), zone)).toBe(local.hour * 60 + local.minute);
          expect(localWeekday(new Date(ms), zone)).toBe(local.weekday);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  it('counts weekdays before 1970 too', () => {
    const t = new Date('1969-12-28T12:00:00Z'); // a Sunday
    expect(localWeekday(t, 'UTC')).toBe(7);
    expect(localMinuteOfDay(t, 'UTC')).toBe(12 * 60);
  });
});

describe('atLocalMinute from quarter-hour offsets', () => {
  it("agrees with luxon's startOf('day').set(…) for every minute of the day around each transition, gaps and repeated hours included", async () => {
    const { atLocalMinute } = await import('../../../src/core/nudges/local-time.js');
    let checked = 0;
    for (const zone of ZONES) {
      for (const span of SPANS) {
        const start = Date.parse(span);
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 3 * 3_600_000 + 7 * 60_000) {
          const day = DateTime.fromMillis(ms, { zone }).startOf('day');
          for (let minute = 0; minute < 24 * 60; minute += 29) {
            const expected = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
            expect(atLocalMinute(new Date(ms), zone, minute).getTime(), `${zone} ${new Date(ms).toISOString()} ${minute}`).toBe(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40_000);
  });
});
