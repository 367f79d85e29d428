// The program clock: pure functions from (start date, zone, template, pauses, now) to
// program position, week bounds, supervision periods and expected hours.
export {
  activeDaysAt,
  calendarOffset,
  instantOfActiveDay,
  isPausedAt,
  localMidnight,
  mergePauses,
  type Pause,
  type ProgramCalendar,
} from './local-days.js';
export {
  expectedHoursToDate,
  phaseForWeek,
  programPosition,
  weekBounds,
  weeksSpan,
  type ClockContext,
  type ExpectedHours,
  type ProgramPosition,
  type ProgramState,
  type Span,
} from './program-clock.js';
export {
  minimumKeptMinutes,
  periodBounds,
  periodsDue,
  supervisionPeriods,
  type LoggedSupervision,
  type PeriodDue,
  type PeriodStatus,
  type PeriodTiming,
  type SupervisionPeriod,
} from './supervision-periods.js';
