// Plain-data subjects for the nudge catalogue's unit tests.
import type { EnrollmentSubject, MatchSubject, MeetingSubject, PersonFacts } from '../../../src/core/nudges/index.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';

export const cert = findTemplate('certification-40-week')!;
export const peer = findTemplate('peer-recovery')!;

export const person = (id: string, patch: Partial<PersonFacts> = {}): PersonFacts => ({
  id,
  displayName: id.charAt(0).toUpperCase() + id.slice(1),
  timeZone: 'UTC',
  quietStartMinute: null,
  quietEndMinute: null,
  nudgeWeekday: null,
  nudgeMinute: 9 * 60,
  withdrawnAt: null,
  ...patch,
});

export const enrollment = (patch: Partial<EnrollmentSubject> = {}): EnrollmentSubject => ({
  id: 'enr-1',
  role: 'mentee',
  status: 'active',
  startDate: '2026-03-02',
  pauses: [],
  person: person('ana'),
  workspaceId: 'ws-1',
  programName: cert.name,
  template: cert,
  ...patch,
});

export const match = (patch: Partial<MatchSubject> = {}): MatchSubject => ({
  id: 'match-1',
  status: 'active',
  activatedAt: new Date('2026-03-02T15:00:00Z'),
  firstCallDueAt: new Date('2026-03-09T15:00:00Z'),
  firstCallAt: null,
  endedAt: null,
  workspaceId: 'ws-1',
  programName: peer.name,
  template: peer,
  mentor: { enrollmentId: 'enr-mentor', person: person('mo') },
  mentee: { enrollmentId: 'enr-mentee', person: person('ana') },
  coordinators: [person('cora')],
  ...patch,
});

export const meeting = (patch: Partial<MeetingSubject> = {}): MeetingSubject => ({
  id: 'meet-1',
  title: 'Peer consultation',
  startsAt: new Date('2026-05-06T17:00:00Z'),
  durationMinutes: 60,
  cancelledAt: null,
  cohortName: 'Spring cohort',
  channelId: 'C123',
  workspaceId: 'ws-1',
  ...patch,
});

/** A window over the whole of a 40-week program and then some. */
export const wholeProgram = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-03-01T00:00:00Z'), now: new Date('2026-01-01T00:00:00Z') };
