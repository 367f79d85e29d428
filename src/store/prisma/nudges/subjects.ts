// Prisma rows → the plain subjects the nudge catalogue reads. Shared by the planner's pages and
// the delivery check's single reads, so both see the same facts the same way.
import type { Cipher } from '../../../security/crypto.js';
import { sealedColumn } from '../sealed.js';
import type { MatchSubject, MeetingSubject, PersonFacts } from '../../../core/nudges/index.js';
import { ZProgramTemplate, type ProgramTemplate } from '../../../core/programs/template-schema.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { DbClient } from '../client.js';

export const personSelect = {
  id: true,
  displayName: true,
  timeZone: true,
  quietStartMinute: true,
  quietEndMinute: true,
  nudgeWeekday: true,
  nudgeMinute: true,
  awayUntil: true,
  mutedNudgeKinds: true,
  withdrawnAt: true,
} satisfies Prisma.PersonSelect;

export const programSelect = { id: true, name: true, workspaceId: true, template: true, templateVersion: true } satisfies Prisma.ProgramSelect;

export const matchInclude = {
  program: { select: programSelect },
  mentor: { select: { id: true, person: { select: personSelect } } },
  mentee: { select: { id: true, person: { select: personSelect } } },
} satisfies Prisma.MatchInclude;

export const meetingInclude = {
  cohort: { select: { name: true, channelId: true, program: { select: { workspaceId: true } } } },
} satisfies Prisma.CohortMeetingInclude;

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;
export type ProgramRow = Prisma.ProgramGetPayload<{ select: typeof programSelect }>;
type MatchRow = Prisma.MatchGetPayload<{ include: typeof matchInclude }>;
type MeetingRow = Prisma.CohortMeetingGetPayload<{ include: typeof meetingInclude }>;

export const toPerson = (row: PersonRow): PersonFacts => ({ ...row });

/**
 * Programs keep a snapshot of their template; it is validated once per program version and
 * reused (the planner reads thousands of enrollments of the same few programs).
 */
export function createTemplateCache(limit = 1_000) {
  const cache = new Map<string, ProgramTemplate>();
  const parse = (program: ProgramRow): ProgramTemplate => {
    const id = `${program.id}@${program.templateVersion}`;
    let template = cache.get(id);
    if (!template) {
      if (cache.size >= limit) cache.clear();
      template = ZProgramTemplate.parse(program.template);
      cache.set(id, template);
    }
    return template;
  };
  return Object.assign(parse, { peek: (programId: string, version: number) => cache.get(`${programId}@${version}`) });
}
export type TemplateCache = ReturnType<typeof createTemplateCache>;

export function toMatchSubject(row: MatchRow, coordinators: PersonFacts[], templates: TemplateCache): MatchSubject {
  return {
    id: row.id,
    status: row.status,
    activatedAt: row.activatedAt,
    firstCallDueAt: row.firstCallDueAt,
    firstCallAt: row.firstCallAt,
    endedAt: row.endedAt,
    workspaceId: row.program.workspaceId,
    programName: row.program.name,
    template: templates(row.program),
    mentor: { enrollmentId: row.mentor.id, person: toPerson(row.mentor.person) },
    mentee: { enrollmentId: row.mentee.id, person: toPerson(row.mentee.person) },
    coordinators,
  };
}

/** The meeting's title is sealed to its row (src/store/prisma/sealed.ts); opened here for the reminder's text. */
export function toMeetingSubject(row: MeetingRow, cipher: Cipher): MeetingSubject {
  return {
    id: row.id,
    title: sealedColumn(cipher, 'CohortMeeting', 'titleEnc').open(row.id, row.titleEnc),
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    cancelledAt: row.cancelledAt,
    cohortName: row.cohort.name,
    channelId: row.cohort.channelId,
    workspaceId: row.cohort.program.workspaceId,
  };
}

/** Active coordinators of each program, fetched once per program. */
export async function coordinatorsOf(db: DbClient, programIds: string[]): Promise<Map<string, PersonFacts[]>> {
  const rows = await db.enrollment.findMany({
    where: { programId: { in: [...new Set(programIds)] }, role: 'coordinator', status: 'active' },
    select: { programId: true, person: { select: personSelect } },
    orderBy: { id: 'asc' },
  });
  const byProgram = new Map<string, PersonFacts[]>();
  for (const row of rows) byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), toPerson(row.person)]);
  return byProgram;
}
