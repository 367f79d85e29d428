import type { ActionSpec, CommandSpec, FormSpec } from '../commands/types.js';
import { adminCohortCommands } from './admin-cohort.js';
import { attendanceCommand } from './attendance.js';
import { meetingCommands } from './meetings.js';
import { rescheduleCommands } from './reschedule.js';
import { memberActions, memberCommands } from './member.js';
import { membershipCommands } from './membership.js';

export const cohortCommands: CommandSpec[] = [...memberCommands, ...adminCohortCommands, ...membershipCommands, ...meetingCommands, ...rescheduleCommands, attendanceCommand];
export const cohortActions: ActionSpec[] = memberActions;
/** Cohorts need no forms yet: every step is one short command. */
export const cohortForms: FormSpec[] = [];

// The reminder/nudge engine reuses these so its buttons keep the same contract.
export { meetingLine, parseRsvpValue, RSVP_ACTION, rsvpButtons } from './rsvp-buttons.js';
export { meetingCode } from './when.js';
