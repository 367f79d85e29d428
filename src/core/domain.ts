/** Plain domain records the core works with. Repositories map storage to these; private text arrives decrypted. */
import type { ProgramTemplate } from './programs/template-schema.js';

export type Platform = 'slack' | 'discord' | 'console';
export type Role = 'coordinator' | 'mentor' | 'mentee' | 'supervisor';
export type EnrollmentStatus = 'pending' | 'active' | 'paused' | 'withdrawn' | 'completed' | 'declined';
export type CallKind = 'supervision' | 'observation' | 'co_facilitation' | 'independent' | 'first_call' | 'check_in' | 'peer';
export type CheckInReason = 'safety' | 'impasse' | 'failed_activity' | 'uncertain';

export interface Workspace {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
}

export interface Person {
  id: string;
  displayName: string;
  timeZone: string;
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  nudgeWeekday: number | null;
  nudgeMinute: number | null;
  withdrawnAt: Date | null;
}

export interface Identity {
  id: string;
  personId: string;
  workspaceId: string;
  externalUserId: string;
  handle: string;
}

export interface Program {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  template: ProgramTemplate;
  createdAt: Date;
}

export interface PauseInterval {
  start: Date;
  end: Date | null;
}

export interface Enrollment {
  id: string;
  programId: string;
  personId: string;
  role: Role;
  status: EnrollmentStatus;
  startDate: string | null;
  commitmentConfirmedAt: Date | null;
  createdAt: Date;
  pauses: PauseInterval[];
}

export interface CallLog {
  id: string;
  enrollmentId: string;
  matchId: string | null;
  counterpartPersonId: string | null;
  kind: CallKind;
  minutes: number;
  occurredOn: string;
  notes: string | null;
  confirmation: 'pending' | 'confirmed' | 'disputed';
  checkIn: CheckInReason | null;
  createdAt: Date;
}

export interface AuditEntry {
  actorPersonId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}
