import type { AuditEntry, CallLog, Enrollment, EnrollmentStatus, Identity, Person, Platform, Program, Role, Workspace } from '../domain.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

/** Who is acting, as an adapter knows them. */
export interface IdentityInput {
  platform: Platform;
  workspaceExternalId: string;
  workspaceName: string;
  externalUserId: string;
  handle: string;
  displayName: string;
  /** The platform's idea of the person's zone; used only when we have none yet. */
  timeZone?: string;
}

export interface PeopleRepository {
  /** Finds or creates the workspace, person and identity. */
  resolve(input: IdentityInput): Promise<{ person: Person; identity: Identity; workspace: Workspace }>;
  get(personId: string): Promise<Person | null>;
  /** `<@U123>` (platform id) or `@handle`, within one workspace. */
  findByMention(workspaceId: string, mention: string): Promise<Person | null>;
  update(personId: string, patch: Partial<Omit<Person, 'id'>>): Promise<Person>;
}

export interface ProgramRepository {
  create(input: { workspaceId: string; slug: string; name: string; template: ProgramTemplate }): Promise<Program>;
  findBySlug(workspaceId: string, slug: string): Promise<Program | null>;
  get(programId: string): Promise<Program | null>;
  listByWorkspace(workspaceId: string): Promise<Program[]>;
}

export interface EnrollmentRepository {
  create(input: { programId: string; personId: string; role: Role; status: EnrollmentStatus; startDate: string | null; commitmentConfirmedAt: Date | null }): Promise<Enrollment>;
  get(enrollmentId: string): Promise<Enrollment | null>;
  find(programId: string, personId: string, role: Role): Promise<Enrollment | null>;
  listForPerson(personId: string): Promise<Enrollment[]>;
  update(enrollmentId: string, patch: Partial<Pick<Enrollment, 'status' | 'startDate' | 'commitmentConfirmedAt'>>): Promise<Enrollment>;
}

export interface CallLogRepository {
  listForEnrollment(enrollmentId: string): Promise<CallLog[]>;
}

export interface ReflectionRepository {
  countForEnrollment(enrollmentId: string): Promise<number>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** All repositories, plus a transaction that gives the same set bound to one database transaction. */
export interface Store {
  people: PeopleRepository;
  programs: ProgramRepository;
  enrollments: EnrollmentRepository;
  calls: CallLogRepository;
  reflections: ReflectionRepository;
  audit: AuditLog;
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}
