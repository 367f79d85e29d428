import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaJobStore } from '../../../src/store/prisma/nudges/index.js';
import { testCipher, testPrisma, uniqueName } from '../../support/db.js';

// The daily cleanup job's retention rule (engine.cleanup → JobStore.erasePrivateNotes): a program
// whose template keeps private notes N days after a relationship ends loses older ones, and only those.
const prisma = testPrisma();
const jobs = createPrismaJobStore(prisma, testCipher);
const now = new Date('2026-09-01T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
let workspaceId: string;

async function pair(template: object, endedAt: Date | null) {
  const program = await prisma.program.create({ data: { workspaceId, slug: uniqueName('p'), name: 'P', templateId: 't', templateVersion: 1, template } });
  const person = () => prisma.person.create({ data: { displayName: 'x' } });
  const [mentor, mentee] = [await person(), await person()];
  const enroll = (personId: string, role: 'mentor' | 'mentee') => prisma.enrollment.create({ data: { programId: program.id, personId, role, status: 'active' } });
  const [me, te] = [await enroll(mentor.id, 'mentor'), await enroll(mentee.id, 'mentee')];
  const match = await prisma.match.create({ data: { programId: program.id, mentorEnrollmentId: me.id, menteeEnrollmentId: te.id, status: endedAt ? 'ended' : 'active', proposedAt: daysAgo(300), endedAt } });
  const callId = randomUUID();
  await prisma.callLog.create({ data: { id: callId, enrollmentId: me.id, matchId: match.id, kind: 'phone', minutes: 30, occurredOn: '2026-03-02', notesEnc: testCipher.encrypt('notes', { table: 'CallLog', column: 'notesEnc', rowId: callId }) } });
  await prisma.reflection.create({ data: { enrollmentId: te.id, promptKey: 'k', week: 1, answerEnc: 'sealed' } });
  return { callId, menteeEnrollment: te.id };
}

const state = async (p: { callId: string; menteeEnrollment: string }) => ({
  notes: (await prisma.callLog.findUniqueOrThrow({ where: { id: p.callId } })).notesEnc !== null,
  journal: await prisma.reflection.count({ where: { enrollmentId: p.menteeEnrollment } }),
});

beforeAll(async () => {
  workspaceId = (await prisma.workspace.create({ data: { platform: 'console', externalId: uniqueName('ret'), name: 'r' } })).id;
});
afterAll(() => prisma.$disconnect());

describe('private notes past their retention', () => {
  it('erases call notes and journals of relationships that ended longer ago than the template keeps them, and nothing else', async () => {
    const keeps90 = { privateNotesRetentionDays: 90 };
    const old = await pair(keeps90, daysAgo(100));
    const recent = await pair(keeps90, daysAgo(10));
    const ongoing = await pair(keeps90, null);
    const noRule = await pair({}, daysAgo(400));
    expect(await jobs.erasePrivateNotes(now, [workspaceId])).toBe(2);
    expect(await state(old)).toEqual({ notes: false, journal: 0 });
    expect(await state(recent)).toEqual({ notes: true, journal: 1 });
    expect(await state(ongoing)).toEqual({ notes: true, journal: 1 });
    expect(await state(noRule)).toEqual({ notes: true, journal: 1 });
    expect(await jobs.erasePrivateNotes(now, [workspaceId])).toBe(0);
  });
});
