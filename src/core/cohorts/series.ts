// The template's monthly peer meetings for a cohort, in one command: from the first day of the
// phase that has them (on the cohort's trainees' own program clock, so pauses and clock-stopping
// holidays move it) to that phase's end, every four weeks, at one time in one zone. Program
// holidays are stepped over, meetings already in the past are left out, and running it again
// only fills the slots that have no meeting yet — it never doubles one.
import { DateTime } from 'luxon';
import { weekBounds } from '../clock/index.js';
import type { CommandContext } from '../commands/types.js';
import type { Cohort, CohortMeeting, Program } from '../domain.js';
import { UserError } from '../errors.js';
import type { Phase } from '../programs/template-schema.js';
import { localDate } from '../time/local-date.js';
import { parseLocalDateTime } from './when.js';

const WEEKS_APART = 4;
/** A slot counts as held when some meeting of the cohort starts within two weeks of it either way. */
const SLOT_HALF_WIDTH_MS = 14 * 86_400_000;

export interface CohortPlan {
  phase: Phase;
  weeks: number;
}

export interface PlannedSlot {
  /** 1-based, "meeting 2 of 4". */
  index: number;
  startsAt: Date;
  /** The day the slot fell on when a holiday moved it. */
  movedFrom?: string;
}

interface DayRange {
  first: string;
  last: string;
  name?: string;
}

/** The program's holidays, as local day ranges: those a coordinator set and those the template names. */
export async function holidayRanges(ctx: Pick<CommandContext, 'store'>, program: Program): Promise<DayRange[]> {
  const set = (await ctx.store.programs.listHolidays(program.id)).map((h) => ({ first: h.firstDay, last: h.lastDay }));
  const named = (program.template.holidays ?? []).map((h) => ({ first: h.date, last: h.date, name: h.name }));
  return [...set, ...named];
}

/** The first day on or after `day` that is no holiday. */
export function stepOverHolidays(day: string, holidays: DayRange[]): string {
  let current = day;
  for (let guard = 0; guard < 366; guard++) {
    const hit = holidays.find((h) => h.first <= current && current <= h.last);
    if (!hit) return current;
    current = DateTime.fromISO(hit.last).plus({ days: 1 }).toISODate()!;
  }
  return current;
}

/** The first day of each four-week slot of the phase, from an explicit first day. */
export function slotDaysFrom(first: string, plan: CohortPlan): string[] {
  const count = Math.ceil(plan.weeks / WEEKS_APART);
  return Array.from({ length: count }, (_, i) => DateTime.fromISO(first).plus({ weeks: WEEKS_APART * i }).toISODate()!);
}

/**
 * The first day of each slot on the cohort's program clock: the local start of weeks
 * startWeek, startWeek + 4, … of the trainee who reaches the phase first (so no one misses the
 * first meeting). Null when no member has a running clock.
 */
async function slotDaysOfCohort(ctx: CommandContext, cohort: Cohort, plan: CohortPlan): Promise<string[] | null> {
  const members = (await ctx.store.cohorts.members(cohort.id)).filter((e) => e.role === 'mentee' && e.startDate);
  let best: string[] | null = null;
  for (const member of members) {
    const zone = (await ctx.store.people.get(member.personId))?.timeZone ?? ctx.actor.timeZone;
    const cal = { startDate: member.startDate!, timeZone: zone, pauses: member.pauses };
    const days: string[] = [];
    for (let week = plan.phase.startWeek; week <= plan.phase.endWeek!; week += WEEKS_APART) {
      const start = weekBounds(cal, week)?.start;
      if (!start) break;
      days.push(localDate(start, zone));
    }
    if (days.length === Math.ceil(plan.weeks / WEEKS_APART) && (!best || days[0]! < best[0]!)) best = days;
  }
  return best;
}

export interface SeriesRequest {
  cohort: Cohort;
  program: Program;
  plan: CohortPlan;
  /** An explicit first day (YYYY-MM-DD); otherwise the cohort's phase start. */
  firstDay?: string;
  time: string;
  zone: string;
}

export interface SeriesPlan {
  toCreate: PlannedSlot[];
  alreadyHeld: PlannedSlot[];
  past: PlannedSlot[];
  total: number;
}

/** Which slots to create now, which already have a meeting, and which have passed. */
export async function planSeries(ctx: CommandContext, request: SeriesRequest, existing: CohortMeeting[]): Promise<SeriesPlan> {
  const days = request.firstDay ? slotDaysFrom(request.firstDay, request.plan) : await slotDaysOfCohort(ctx, request.cohort, request.plan);
  if (!days) {
    throw new UserError(`No trainee in cohort "${request.cohort.name}" has started the program yet, so I can't tell when ${request.plan.phase.name} begins for them. Add the cohort's trainees first, or give the first meeting's day.`, { code: 'NOT_YET', usage: ctx.usage });
  }
  const holidays = await holidayRanges(ctx, request.program);
  const held = existing.filter((m) => !m.cancelledAt);
  const result: SeriesPlan = { toCreate: [], alreadyHeld: [], past: [], total: days.length };
  days.forEach((day, i) => {
    const moved = stepOverHolidays(day, holidays);
    const slot: PlannedSlot = { index: i + 1, startsAt: parseLocalDateTime(moved, request.time, request.zone, ctx.usage), ...(moved !== day ? { movedFrom: day } : {}) };
    if (held.some((m) => Math.abs(m.startsAt.getTime() - slot.startsAt.getTime()) < SLOT_HALF_WIDTH_MS)) result.alreadyHeld.push(slot);
    else if (slot.startsAt.getTime() <= ctx.now.getTime()) result.past.push(slot);
    else result.toCreate.push(slot);
  });
  return result;
}
