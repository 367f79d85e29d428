// Nudges planned for the same minute fall due over its seconds, the same second for the same
// person every time (src/core/nudges/local-time.ts).
import { describe, expect, it } from 'vitest';
import { spreadWithinMinute } from '../../../src/core/nudges/index.js';

const minute = new Date('2026-06-01T07:15:00Z');

describe('spreadWithinMinute', () => {
  it('moves a whole-minute due time into that minute, stably per person', () => {
    const moved = spreadWithinMinute(minute, 'person-1', 60);
    expect(moved.getTime() - minute.getTime()).toBeGreaterThanOrEqual(0);
    expect(moved.getTime() - minute.getTime()).toBeLessThan(60_000);
    expect((moved.getTime() - minute.getTime()) % 1000).toBe(0);
    expect(spreadWithinMinute(new Date(minute), 'person-1', 60)).toEqual(moved);
    // The same person's next week lands on the same second.
    const nextWeek = new Date(minute.getTime() + 7 * 86_400_000);
    expect(spreadWithinMinute(nextWeek, 'person-1', 60).getTime() - nextWeek.getTime()).toBe(moved.getTime() - minute.getTime());
  });

  it('spreads many people over the minute: no second holds more than a few of 600', () => {
    const seconds = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const s = (spreadWithinMinute(minute, `person-${i}`, 60).getTime() - minute.getTime()) / 1000;
      seconds.set(s, (seconds.get(s) ?? 0) + 1);
    }
    expect(seconds.size).toBeGreaterThanOrEqual(55);
    expect(Math.max(...seconds.values())).toBeLessThanOrEqual(25);
  });

  it('leaves alone what is not on a whole minute, and everything when the spread is off', () => {
    const odd = new Date('2026-06-01T07:15:30Z');
    expect(spreadWithinMinute(odd, 'person-1', 60)).toBe(odd);
    expect(spreadWithinMinute(minute, 'person-1', 0)).toBe(minute);
    expect(spreadWithinMinute(minute, 'person-1', 1)).toBe(minute);
  });
});
