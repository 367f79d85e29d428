import type { AuditEntry, AvailabilityWindow, Contact, Enrollment, Identity, MentorEligibility, Person, Program, SurveyAnswers, Workspace, ProgramHoliday } from '../../../src/core/domain.js';
import type { Outbound } from '../../../src/core/messages/model.js';
import type {
  AuditLog, EnrollmentRepository, IdentityInput, NewEnrollment, OutboxRepository, PeopleRepository, ProgramRepository, RequestLog, Store,
} from '../../../src/core/ports/repositories.js';

/** An outbox row as the fake keeps it: the message and its audience, unrouted (there are no platforms here). */
export interface OutboxRow extends Outbound {
  key: string;
  at: Date;
}

/** Everything the fake holds; a transaction snapshots it and puts it back when the work throws. */
interface State {
  seq: number;
  workspaces: Workspace[];
  people: Person[];
  identities: Identity[];
  contacts: Record<string, Contact>;
  availability: Record<string, AvailabilityWindow[]>;
  programs: Program[];
  enrollments: Enrollment[];
  eligibility: Record<string, MentorEligibility & { expectationsVersion: number }>;
  surveys: Record<string, SurveyAnswers>;
  audit: (AuditEntry & { at: Date })[];
  outbox: OutboxRow[];
  requests: Record<string, Date>;
}

const emptyState = (): State => ({
  seq: 0, workspaces: [], people: [], identities: [], contacts: {}, availability: {}, programs: [], enrollments: [], eligibility: {}, surveys: {}, audit: [], outbox: [], requests: {},
});

const isZone = (zone: string | undefined): zone is string => {
  try {
    return !!zone && !!new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
};

/** A repository this fake does not implement yet: any call fails loudly, naming the method to add. */
function notImplemented<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => Promise.reject(new Error(`InMemoryStore: ${name}.${String(method)} is not implemented; add it in test/support/fakes/in-memory-store.ts`)),
  });
}

/** The repositories this fake really implements; the others fail loudly when called. */
type Implemented = 'people' | 'programs' | 'enrollments' | 'audit' | 'outbox' | 'requests' | 'transaction';

/**
 * A working in-memory `Store` for unit tests of the core: people (with the same find-or-create
 * rules as the Prisma repository), programs, enrollments, the audit log, the outbox and the request
 * log, plus transactions that roll back (outbox rows and request ids included, as in Postgres).
 * Build it with `createInMemoryStore()`.
 */
export class InMemoryStore implements Pick<Store, Implemented> {
  private state = emptyState();

  constructor(private readonly now: () => Date = () => new Date(0)) {}

  /** A read-only look at what is stored, for assertions. */
  get snapshot(): Readonly<State> {
    return this.state;
  }

  private id(prefix: string): string {
    return `${prefix}_${++this.state.seq}`;
  }

  private must<T>(found: T | undefined, what: string): T {
    if (found === undefined) throw new Error(`InMemoryStore: no ${what}`);
    return found;
  }

  readonly people: PeopleRepository = {
    followPlatformZone: async (input) => {
      const s = this.state;
      const workspace = s.workspaces.find((w) => w.platform === input.platform && w.externalId === input.workspaceExternalId);
      const identity = workspace && s.identities.find((i) => i.workspaceId === workspace.id && i.externalUserId === input.externalUserId);
      const person = identity && s.people.find((p) => p.id === identity.personId);
      if (!person || person.timeZoneChosen || person.timeZone === input.timeZone || !isZone(input.timeZone)) return false;
      person.timeZone = input.timeZone;
      return true;
    },
    resolve: async (input: IdentityInput) => {
      const s = this.state;
      let workspace = s.workspaces.find((w) => w.platform === input.platform && w.externalId === input.workspaceExternalId);
      if (!workspace) {
        workspace = { id: this.id('ws'), platform: input.platform, externalId: input.workspaceExternalId, name: input.workspaceName };
        s.workspaces.push(workspace);
      }
      const existing = s.identities.find((i) => i.workspaceId === workspace.id && i.externalUserId === input.externalUserId);
      if (existing) {
        existing.handle = input.handle;
        return { person: { ...this.must(s.people.find((p) => p.id === existing.personId), 'person') }, identity: { ...existing }, workspace: { ...workspace } };
      }
      const person: Person = {
        id: this.id('person'), displayName: input.displayName, timeZone: isZone(input.timeZone) ? input.timeZone : 'UTC',
        timeZoneChosen: false, quietStartMinute: null, quietEndMinute: null, nudgeWeekday: null, nudgeMinute: null, awayUntil: null, mutedNudgeKinds: [], withdrawnAt: null,
      };
      const identity: Identity = { id: this.id('identity'), personId: person.id, workspaceId: workspace.id, externalUserId: input.externalUserId, handle: input.handle };
      s.people.push(person);
      s.identities.push(identity);
      return { person: { ...person }, identity: { ...identity }, workspace: { ...workspace } };
    },
    get: async (personId) => {
      const person = this.state.people.find((p) => p.id === personId);
      return person ? { ...person } : null;
    },
    findByMention: async (workspaceId, mention) => {
      const platformId = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(mention)?.[1];
      const handle = mention.replace(/^@/, '').toLowerCase();
      const identity = this.state.identities.find(
        (i) => i.workspaceId === workspaceId && (platformId ? i.externalUserId === platformId : i.handle.toLowerCase() === handle),
      );
      return identity ? this.people.get(identity.personId) : null;
    },
    update: async (personId, patch) => {
      const person = this.must(this.state.people.find((p) => p.id === personId), `person ${personId}`);
      Object.assign(person, patch);
      return { ...person };
    },
    setContact: async (personId, contact) => {
      this.state.contacts[personId] = { ...contact };
    },
    getContact: async (personId) => ({ ...(this.state.contacts[personId] ?? { firstName: null, phone: null }) }),
    setAvailability: async (personId, windows) => {
      this.state.availability[personId] = windows.map((w) => ({ ...w }));
    },
    getAvailability: async (personId) => (this.state.availability[personId] ?? []).map((w) => ({ ...w })),
  };

  readonly programs: ProgramRepository = {
    create: async (input) => {
      if (this.state.programs.some((p) => p.workspaceId === input.workspaceId && p.slug === input.slug)) {
        throw new Error(`InMemoryStore: program ${input.slug} already exists (unique workspace + slug)`);
      }
      const program: Program = { id: this.id('program'), ...input, createdAt: this.now() };
      this.state.programs.push(program);
      return { ...program };
    },
    findBySlug: async (workspaceId, slug) => this.copyProgram(this.state.programs.find((p) => p.workspaceId === workspaceId && p.slug === slug)),
    get: async (programId) => this.copyProgram(this.state.programs.find((p) => p.id === programId)),
    listByWorkspace: async (workspaceId) => this.state.programs.filter((p) => p.workspaceId === workspaceId).map((p) => ({ ...p })),
    // Holidays shape the Postgres store's pauses; the in-memory store only remembers them.
    addHoliday: async (holiday) => {
      const row = { id: this.id('holiday'), ...holiday };
      this.holidays.push(row);
      return { ...row };
    },
    listHolidays: async (programId) => this.holidays.filter((h) => h.programId === programId).map((h) => ({ ...h })),
  };
  private readonly holidays: ProgramHoliday[] = [];
  private readonly supervisors = new Map<string, string>();

  private copyProgram = (program: Program | undefined): Program | null => (program ? { ...program } : null);
  private copyEnrollment = (e: Enrollment | undefined): Enrollment | null => (e ? { ...e, pauses: e.pauses.map((p) => ({ ...p })) } : null);

  readonly enrollments: EnrollmentRepository = {
    create: async (input: NewEnrollment) => {
      if (this.state.enrollments.some((e) => e.programId === input.programId && e.personId === input.personId && e.role === input.role)) {
        throw new Error('InMemoryStore: enrollment already exists (unique program + person + role)');
      }
      const { declinedAt: _declined, ...fields } = input;
      const enrollment: Enrollment = { id: this.id('enrollment'), ...fields, createdAt: this.now(), pauses: [] };
      this.state.enrollments.push(enrollment);
      return this.copyEnrollment(enrollment)!;
    },
    get: async (id) => this.copyEnrollment(this.state.enrollments.find((e) => e.id === id)),
    find: async (programId, personId, role) => this.copyEnrollment(this.state.enrollments.find((e) => e.programId === programId && e.personId === personId && e.role === role)),
    listForPerson: async (personId) => this.state.enrollments.filter((e) => e.personId === personId).map((e) => this.copyEnrollment(e)!),
    listForProgram: async (programId, role) =>
      this.state.enrollments.filter((e) => e.programId === programId && (!role || e.role === role)).map((e) => this.copyEnrollment(e)!),
    update: async (id, patch) => {
      const enrollment = this.must(this.state.enrollments.find((e) => e.id === id), `enrollment ${id}`);
      const { declinedAt: _declined, ...fields } = patch;
      Object.assign(enrollment, fields);
      return this.copyEnrollment(enrollment)!;
    },
    startPause: async (id, at) => {
      this.must(this.state.enrollments.find((e) => e.id === id), `enrollment ${id}`).pauses.push({ start: at, end: null });
    },
    endPause: async (id, at) => {
      for (const pause of this.must(this.state.enrollments.find((e) => e.id === id), `enrollment ${id}`).pauses) if (!pause.end) pause.end = at;
    },
    saveEligibility: async (eligibility) => {
      this.state.eligibility[eligibility.enrollmentId] = { ...eligibility };
    },
    getEligibility: async (id) => {
      const found = this.state.eligibility[id];
      if (!found) return null;
      const { expectationsVersion: _version, ...eligibility } = found;
      return eligibility;
    },
    saveSurvey: async (id, answers) => {
      this.state.surveys[id] = { ...answers };
    },
    getSurvey: async (id) => (this.state.surveys[id] ? { ...this.state.surveys[id] } : null),
    getSupervisor: async (id) => this.supervisors.get(id) ?? null,
    setSupervisor: async (id, personId) => {
      if (personId) this.supervisors.set(id, personId);
      else this.supervisors.delete(id);
    },
  };

  readonly audit: AuditLog = {
    record: async (entry) => {
      this.state.audit.push({ ...entry, at: this.now() });
    },
    listForSubject: async (subjectType, subjectId) => this.state.audit.filter((a) => a.subjectType === subjectType && a.subjectId === subjectId),
  };

  readonly outbox: OutboxRepository = {
    // Planned nudges live only in Postgres; the in-memory store has none to repeat.
    snooze: async () => null,
    // Keys are deterministic per origin, so writing one origin twice is a no-op (as in Postgres).
    write: async (items, { at, origin }) => {
      const batch = origin ?? this.id('outbox');
      const keys = items.map((_, index) => `outbound:${batch}:${index}`);
      items.forEach((item, index) => {
        if (!this.state.outbox.some((row) => row.key === keys[index])) this.state.outbox.push({ key: keys[index]!, at, to: { ...item.to }, message: structuredClone(item.message) });
      });
      return keys;
    },
  };

  readonly requests: RequestLog = {
    firstTime: async (requestId, at) => {
      if (requestId in this.state.requests) return false;
      this.state.requests[requestId] = at;
      return true;
    },
  };

  /** Runs the work against this store; if it throws, every change it made is undone. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const before = structuredClone(this.state);
    try {
      // Called through createInMemoryStore's proxy, `this` is that proxy: a whole Store.
      return await work(this as unknown as Store);
    } catch (error) {
      this.state = before;
      throw error;
    }
  }
}

export type FakeStore = InMemoryStore & Store;

/**
 * An InMemoryStore that is a whole `Store`: any repository it does not implement (matches,
 * consents, calls, … and whatever the port gains later) answers every call with a clear error,
 * so the fake keeps compiling as the port grows and a test that needs more says exactly what.
 */
export function createInMemoryStore(now?: () => Date): FakeStore {
  const store = new InMemoryStore(now);
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property in target || typeof property !== 'string' || property === 'then' || property === 'toJSON') return Reflect.get(target, property, receiver);
      return notImplemented(property);
    },
  }) as FakeStore;
}
