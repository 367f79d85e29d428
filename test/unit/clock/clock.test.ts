import { describe, expect, it } from 'vitest';
import {
  expectedHoursToDate,
  periodBounds,
  minimumKeptMinutes,
  periodsDue,
  programPosition,
  supervisionPeriods,
  weekBounds,
  type ClockContext,
  type Pause,
} from '../../../src/core/clock/index.js';
import { findTemplate, parseTemplate } from '../../../src/core/programs/load-templates.js';
import type { ProgramTemplate } from '../../../src/core/programs/template-schema.js';

const cert = findTemplate('certification-40-week')!;
const peer = findTemplate('peer-recovery')!;

// Instants are written with explicit local offsets so the expectations do not depend on luxon.
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();
const ctx = (startDate: string, timeZone: string, pauses: Pause[] = [], template: ProgramTemplate = cert): ClockContext =>
  ({ startDate, timeZone, pauses, template });
const bounds = (c: ClockContext, week: number) => {
  const b = weekBounds(c, week);
  return b && { start: iso(b.start), end: iso(b.end) };
};
const pos = (c: ClockContext, when: string) => {
  const p = programPosition(c, at(when));
  return { state: p.state, week: p.week, day: p.dayOfWeek, phase: p.phase?.key ?? null, activeDays: p.activeDays };
};

describe('week boundaries follow local midnight across DST', () => {
  it('America/New_York spring forward: week 1 is 167 hours, week 2 starts at 00:00 EDT', () => {
    const c = ctx('2026-03-02', 'America/New_York');
    expect(bounds(c, 1)).toEqual({ start: '2026-03-02T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(pos(c, '2026-03-08T23:30:00-04:00')).toEqual({ state: 'active', week: 1, day: 7, phase: 'foundation', activeDays: 6 });
    expect(pos(c, '2026-03-09T00:00:00-04:00')).toMatchObject({ week: 2, day: 1, activeDays: 7 });
  });

  it('America/New_York fall back: week 1 is 169 hours and 23:30 EST on day 7 is still week 1', () => {
    const c = ctx('2026-10-26', 'America/New_York');
    expect(bounds(c, 1)).toEqual({ start: '2026-10-26T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
    // 04:30Z is already 7×24h after the start, but locally it is still Sunday evening.
    expect(pos(c, '2026-11-02T04:30:00Z')).toMatchObject({ week: 1, day: 7 });
    expect(pos(c, '2026-11-02T05:00:00Z')).toMatchObject({ week: 2, day: 1 });
  });

  it('Europe/London in March and October', () => {
    expect(bounds(ctx('2026-03-23', 'Europe/London'), 1)).toEqual({
      start: '2026-03-23T00:00:00.000Z',
      end: '2026-03-29T23:00:00.000Z',
    });
    expect(bounds(ctx('2026-10-19', 'Europe/London'), 1)).toEqual({
      start: '2026-10-18T23:00:00.000Z',
      end: '2026-10-26T00:00:00.000Z',
    });
  });

  it('Australia/Lord_Howe shifts by 30 minutes in October and April', () => {
    expect(bounds(ctx('2026-09-28', 'Australia/Lord_Howe'), 1)).toEqual({
      start: '2026-09-27T13:30:00.000Z',
      end: '2026-10-04T13:00:00.000Z',
    });
    expect(pos(ctx('2026-09-28', 'Australia/Lord_Howe'), '2026-10-04T23:50:00+11:00')).toMatchObject({ week: 1, day: 7 });
    expect(bounds(ctx('2027-03-29', 'Australia/Lord_Howe'), 1)).toEqual({
      start: '2027-03-28T13:00:00.000Z',
      end: '2027-04-04T13:30:00.000Z',
    });
  });

  it('Asia/Kolkata (+05:30): the phase 2 boundary is local midnight of day 85', () => {
    const c = ctx('2026-03-02', 'Asia/Kolkata');
    expect(bounds(c, 13)?.start).toBe('2026-05-24T18:30:00.000Z');
    expect(pos(c, '2026-05-24T18:29:59Z')).toEqual({ state: 'active', week: 12, day: 7, phase: 'foundation', activeDays: 83 });
    expect(pos(c, '2026-05-24T18:30:00Z')).toEqual({ state: 'active', week: 13, day: 1, phase: 'guided-practice', activeDays: 84 });
  });

  it('counts across a year end', () => {
    const c = ctx('2026-12-15', 'America/New_York');
    expect(pos(c, '2027-01-01T12:00:00-05:00')).toMatchObject({ week: 3, day: 4, activeDays: 17 });
    expect(bounds(c, 3)).toEqual({ start: '2026-12-29T05:00:00.000Z', end: '2027-01-05T05:00:00.000Z' });
    expect(bounds(c, 4)).toEqual({ start: '2027-01-05T05:00:00.000Z', end: '2027-01-12T05:00:00.000Z' });
  });
});

describe('program states', () => {
  const c = ctx('2026-03-02', 'America/New_York');

  it('is not started until local midnight of the start date', () => {
    expect(pos(c, '2026-03-01T23:59:59-05:00')).toEqual({ state: 'not-started', week: 0, day: 0, phase: null, activeDays: 0 });
    expect(pos(c, '2026-03-02T00:00:00-05:00')).toEqual({ state: 'active', week: 1, day: 1, phase: 'foundation', activeDays: 0 });
  });

  it('finishes after 280 local days (week 40 ends 2026-12-07 00:00 EST)', () => {
    expect(pos(c, '2026-12-06T23:59:59-05:00')).toEqual({ state: 'active', week: 40, day: 7, phase: 'independent-practice', activeDays: 279 });
    expect(pos(c, '2026-12-07T00:00:00-05:00')).toEqual({ state: 'finished', week: 40, day: 7, phase: null, activeDays: 280 });
    expect(pos(c, '2030-01-01T00:00:00Z').state).toBe('finished');
  });

  it('never finishes an open-ended program', () => {
    // 1000 days = 142 weeks + 6 days.
    expect(pos(ctx('2026-03-02', 'America/New_York', [], peer), '2028-11-26T12:00:00-05:00')).toEqual({
      state: 'active', week: 143, day: 7, phase: 'relationship', activeDays: 1000,
    });
  });

  it('rejects an unknown zone and a malformed start date', () => {
    expect(() => programPosition(ctx('2026-03-02', 'Mars/Olympus'), at('2026-03-05T00:00:00Z'))).toThrow(RangeError);
    expect(() => programPosition(ctx('2026-3-2', 'UTC'), at('2026-03-05T00:00:00Z'))).toThrow(/YYYY-MM-DD/);
  });
});

describe('pauses freeze the clock', () => {
  // Paused on day 9 (week 2, day 2) at 15:00; resumed on day 19 at 09:00: ten midnights frozen.
  const pause: Pause = { start: at('2026-03-10T15:00:00-04:00'), end: at('2026-03-20T09:00:00-04:00') };
  const c = ctx('2026-03-02', 'America/New_York', [pause]);

  it('holds the day count while paused and continues from it after resuming', () => {
    expect(pos(c, '2026-03-10T14:59:00-04:00')).toMatchObject({ state: 'active', week: 2, day: 2, activeDays: 8 });
    expect(pos(c, '2026-03-15T12:00:00-04:00')).toEqual({ state: 'paused', week: 2, day: 2, phase: 'foundation', activeDays: 8 });
    expect(pos(c, '2026-03-20T12:00:00-04:00')).toMatchObject({ state: 'active', week: 2, day: 2, activeDays: 8 });
    expect(pos(c, '2026-03-21T00:00:00-04:00')).toMatchObject({ state: 'active', week: 2, day: 3, activeDays: 9 });
  });

  it('stretches the paused week and shifts every later week and the finish', () => {
    expect(bounds(c, 1)).toEqual({ start: '2026-03-02T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(bounds(c, 2)).toEqual({ start: '2026-03-09T04:00:00.000Z', end: '2026-03-26T04:00:00.000Z' });
    // 280 calendar days in, only 270 were active: week 39, day 5.
    expect(pos(c, '2026-12-07T00:00:00-05:00')).toMatchObject({ state: 'active', week: 39, day: 5, activeDays: 270 });
    expect(pos(c, '2026-12-16T23:59:59-05:00')).toMatchObject({ state: 'active', week: 40, day: 7 });
    expect(pos(c, '2026-12-17T00:00:00-05:00')).toMatchObject({ state: 'finished', week: 40, activeDays: 280 });
  });

  it('an open pause freezes indefinitely and leaves later weeks unplaced', () => {
    const open = ctx('2026-03-02', 'America/New_York', [{ start: pause.start, end: null }]);
    expect(pos(open, '2026-09-01T12:00:00-04:00')).toEqual({ state: 'paused', week: 2, day: 2, phase: 'foundation', activeDays: 8 });
    expect(bounds(open, 1)).not.toBeNull();
    expect(bounds(open, 2)).toBeNull();
  });

  it('a pause that crosses no midnight costs nothing; overlapping pauses count once', () => {
    const sameDay = ctx('2026-03-02', 'America/New_York', [
      { start: at('2026-03-04T10:00:00-05:00'), end: at('2026-03-04T16:00:00-05:00') },
    ]);
    expect(pos(sameDay, '2026-03-05T00:00:00-05:00').activeDays).toBe(3);
    const overlapping = ctx('2026-03-02', 'America/New_York', [
      { start: at('2026-03-14T08:00:00-04:00'), end: pause.end },
      { start: pause.start, end: at('2026-03-15T12:00:00-04:00') },
    ]);
    expect(pos(overlapping, '2026-03-21T00:00:00-04:00').activeDays).toBe(9);
    expect(bounds(overlapping, 2)).toEqual(bounds(c, 2));
  });

  it('a pause spanning the start delays week 1 day 2', () => {
    const early = ctx('2026-03-02', 'America/New_York', [
      { start: at('2026-02-25T12:00:00-05:00'), end: at('2026-03-04T12:00:00-05:00') },
    ]);
    expect(pos(early, '2026-03-03T12:00:00-05:00')).toMatchObject({ state: 'paused', week: 1, day: 1, activeDays: 0 });
    expect(pos(early, '2026-03-05T12:00:00-05:00')).toMatchObject({ state: 'active', week: 1, day: 2, activeDays: 1 });
  });

  it('rejects a pause that ends before it starts', () => {
    const bad = ctx('2026-03-02', 'UTC', [{ start: at('2026-03-05T00:00:00Z'), end: at('2026-03-04T00:00:00Z') }]);
    expect(() => programPosition(bad, at('2026-03-10T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('supervision periods', () => {
  const periods = supervisionPeriods(cert);

  it('the 40-week template yields 12 weekly + 8 bi-weekly + 3 four-week periods', () => {
    expect(periods).toHaveLength(23);
    const count = (k: string) => periods.filter((p) => p.phaseKey === k).length;
    expect([count('foundation'), count('guided-practice'), count('independent-practice')]).toEqual([12, 8, 3]);
    expect(periods.map((p) => p.index)).toEqual([...Array(23).keys()]);
    expect(periods[11]).toEqual({ index: 11, phaseKey: 'foundation', startWeek: 12, endWeek: 12, callMinutes: 30 });
    expect(periods[12]).toEqual({ index: 12, phaseKey: 'guided-practice', startWeek: 13, endWeek: 14, callMinutes: 45 });
    expect(periods[19]).toEqual({ index: 19, phaseKey: 'guided-practice', startWeek: 27, endWeek: 28, callMinutes: 45 });
    expect(periods[20]).toEqual({ index: 20, phaseKey: 'independent-practice', startWeek: 29, endWeek: 32, callMinutes: 60 });
    expect(periods[22]).toEqual({ index: 22, phaseKey: 'independent-practice', startWeek: 37, endWeek: 40, callMinutes: 60 });
  });

  it('has no periods for a cadence of none', () => {
    expect(supervisionPeriods(peer)).toEqual([]);
  });

  it('clips a short last period and needs a horizon for an open-ended phase', () => {
    const t = parseTemplate({
      id: 'odd', version: 1, name: 'Odd', kind: 'certification', summary: 'Test program.',
      phases: [
        { key: 'a', name: 'A', startWeek: 1, endWeek: 5, focus: 'x', supervision: { cadence: 'monthly', callMinutes: 60 } },
        { key: 'b', name: 'B', startWeek: 6, focus: 'y', supervision: { cadence: 'biweekly', callMinutes: 20 } },
      ],
    });
    expect(() => supervisionPeriods(t)).toThrow(/open-ended/);
    expect(supervisionPeriods(t, 9).map((p) => [p.phaseKey, p.startWeek, p.endWeek])).toEqual([
      ['a', 1, 4], ['a', 5, 5], ['b', 6, 7], ['b', 8, 9],
    ]);
  });

  it('maps a period to local instants, shifted by an earlier pause', () => {
    const p20 = periods[20]!;
    const plain = periodBounds(ctx('2026-03-02', 'America/New_York'), p20);
    expect([iso(plain?.start), iso(plain?.end)]).toEqual(['2026-09-14T04:00:00.000Z', '2026-10-12T04:00:00.000Z']);
    const paused = periodBounds(ctx('2026-03-02', 'America/New_York', [
      { start: at('2026-03-10T15:00:00-04:00'), end: at('2026-03-20T09:00:00-04:00') },
    ]), p20);
    expect([iso(paused?.start), iso(paused?.end)]).toEqual(['2026-09-24T04:00:00.000Z', '2026-10-22T04:00:00.000Z']);
  });
});

describe('periodsDue', () => {
  const c = ctx('2026-01-05', 'Europe/London');
  const now = at('2026-04-08T12:00:00+01:00'); // week 14, day 3
  const inWeek = (w: number, hours = 36) => new Date(weekBounds(c, w)!.start.getTime() + hours * 3_600_000);
  const weeklyCalls = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((w) => inWeek(w));

  it('marks kept, missed, current (with or without a call) and upcoming', () => {
    const due = periodsDue(c, now, [...weeklyCalls, inWeek(13), inWeek(14, 10)]);
    expect(due).toHaveLength(23);
    expect(due.slice(0, 4).map((d) => d.status)).toEqual(['kept', 'kept', 'missed', 'kept']);
    expect(due[12]).toMatchObject({ timing: 'current', status: 'kept', calls: 2 });
    expect(due[13]).toMatchObject({ timing: 'upcoming', status: 'upcoming', calls: 0 });
    expect(due.filter((d) => d.status === 'missed').map((d) => d.period.index)).toEqual([2]);

    const noCurrentCall = periodsDue(c, now, weeklyCalls);
    expect(noCurrentCall[12]).toMatchObject({ timing: 'current', status: 'current', calls: 0 });
  });

  it("counts a call as kept only when it reaches the phase's call length within the template's tolerance", () => {
    expect(cert.supervisionKeptAtPercent).toBe(80);
    // Foundation calls are 30 min, so 24 min keeps the period (80%) and 23 min is short.
    const due = periodsDue(c, now, [{ at: inWeek(1), minutes: 5 }, { at: inWeek(2), minutes: 23 }, { at: inWeek(3), minutes: 24 }, { at: inWeek(4), minutes: 60 }]);
    expect(due.slice(0, 4).map((d) => [d.status, d.calls, d.shortCalls])).toEqual([['missed', 0, 1], ['missed', 0, 1], ['kept', 1, 0], ['kept', 1, 0]]);
    // Guided-practice calls are 45 min: 36 keeps the bi-weekly period, 35 does not.
    expect(minimumKeptMinutes(cert, { callMinutes: 45 })).toBe(36);
    const guided = periodsDue(c, now, [{ at: inWeek(13), minutes: 35 }]);
    expect(guided[12]).toMatchObject({ timing: 'current', status: 'current', calls: 0, shortCalls: 1 });
  });

  it('without a tolerance in the template any length counts, as does a bare date', () => {
    const lenient = ctx('2026-01-05', 'Europe/London', [], { ...cert, supervisionKeptAtPercent: undefined });
    expect(minimumKeptMinutes(lenient.template, { callMinutes: 30 })).toBe(0);
    expect(periodsDue(lenient, now, [{ at: inWeek(1), minutes: 5 }])[0]).toMatchObject({ status: 'kept', calls: 1, shortCalls: 0 });
    expect(periodsDue(c, now, [inWeek(1)])[0]).toMatchObject({ status: 'kept', calls: 1 });
  });

  it('ignores calls dated before the start or after now', () => {
    const due = periodsDue(c, now, [at('2026-01-04T12:00:00Z'), at('2026-04-20T12:00:00+01:00')]);
    expect(due.reduce((n, d) => n + d.calls, 0)).toBe(0);
    expect(due[13]?.status).toBe('upcoming');
  });

  it('before the start everything is upcoming; after the end nothing is', () => {
    expect(new Set(periodsDue(c, at('2026-01-01T00:00:00Z'), []).map((d) => d.status))).toEqual(new Set(['upcoming']));
    const done = periodsDue(c, at('2027-01-01T00:00:00Z'), weeklyCalls);
    expect(done.filter((d) => d.status === 'kept')).toHaveLength(11);
    expect(done.filter((d) => d.status === 'missed')).toHaveLength(12);
  });

  it('a call logged during a pause counts toward the frozen period', () => {
    const paused = ctx('2026-01-05', 'Europe/London', [{ start: at('2026-01-13T09:00:00Z'), end: at('2026-02-01T09:00:00Z') }]);
    const due = periodsDue(paused, at('2026-02-02T12:00:00Z'), [at('2026-01-25T12:00:00Z')]);
    expect(due[1]).toMatchObject({ timing: 'current', status: 'kept', calls: 1 });
  });
});

describe('expectedHoursToDate', () => {
  const c = ctx('2026-01-05', 'Europe/London');

  it('sums the weekly commitments of completed weeks only', () => {
    expect(expectedHoursToDate(c, at('2026-01-01T00:00:00Z'))).toEqual({ min: 0, max: 0, completedWeeks: 0 });
    expect(expectedHoursToDate(c, at('2026-01-11T23:59:00Z'))).toEqual({ min: 0, max: 0, completedWeeks: 0 });
    expect(expectedHoursToDate(c, at('2026-01-12T00:00:00Z'))).toEqual({ min: 2, max: 3, completedWeeks: 1 });
    // Week 14 day 3: 12 weeks at 2–3 h plus one at 3–5 h.
    expect(expectedHoursToDate(c, at('2026-04-08T12:00:00+01:00'))).toEqual({ min: 27, max: 41, completedWeeks: 13 });
    expect(expectedHoursToDate(c, at('2027-06-01T00:00:00Z'))).toEqual({ min: 96, max: 164, completedWeeks: 40 });
  });

  it('does not grow while paused, and is zero for a program with no commitment', () => {
    const paused = ctx('2026-01-05', 'Europe/London', [{ start: at('2026-01-20T10:00:00Z'), end: null }]);
    expect(expectedHoursToDate(paused, at('2026-06-01T00:00:00Z'))).toEqual({ min: 4, max: 6, completedWeeks: 2 });
    expect(expectedHoursToDate(ctx('2026-01-05', 'UTC', [], peer), at('2027-01-01T00:00:00Z'))).toEqual({ min: 0, max: 0, completedWeeks: 51 });
  });
});
