// Bulk seeding for the benchmark, straight SQL: N trainees in one 40-week program, spread over
// six zones and weeks 1–38 (so every phase and cadence appears). Half keep the default nudge
// time (Monday 09:00 local, the realistic spike); half chose a weekday and a time 08:00–20:00.
// DM channels are already cached (steady state; a cold start would call conversations.open once each).
// With several workspaces (the limits burst), person g is in workspace g mod W, each with its own program.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { findTemplate } from '../../src/core/programs/load-templates.js';

export const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney'];

export async function seedParticipants(prisma: PrismaClient, n: number, weekStart: string, workspaces = 1): Promise<void> {
  const template = findTemplate('certification-40-week')!;
  const ids = Array.from({ length: workspaces }, (_, k) => ({ workspaceId: randomUUID(), programId: randomUUID(), k }));
  await prisma.workspace.createMany({ data: ids.map(({ workspaceId, k }) => ({ id: workspaceId, platform: 'slack' as const, externalId: k ? `TBENCH${k}` : 'TBENCH', name: `Bench ${k}` })) });
  await prisma.program.createMany({
    data: ids.map(({ workspaceId, programId }) => ({ id: programId, workspaceId, slug: 'bench', name: template.name, templateId: template.id, templateVersion: template.version, template: JSON.parse(JSON.stringify(template)) })),
  });
  const zones = `ARRAY[${ZONES.map((z) => `'${z}'`).join(',')}]`;
  const workspaceOf = `(ARRAY[${ids.map((i) => `'${i.workspaceId}'`).join(',')}])[1 + g % ${workspaces}]`;
  const programOf = `(ARRAY[${ids.map((i) => `'${i.programId}'`).join(',')}])[1 + g % ${workspaces}]`;
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Person" ("id", "displayName", "timeZone", "nudgeWeekday", "nudgeMinute", "quietStartMinute", "quietEndMinute")
    SELECT 'p' || g, 'Person ' || g, (${zones})[1 + g % 6],
           CASE WHEN g % 2 = 0 THEN NULL ELSE 1 + (g::bigint * 7919 % 7)::int END,
           CASE WHEN g % 2 = 0 THEN NULL ELSE 480 + ((g::bigint * 104729) % 145)::int * 5 END,
           CASE WHEN g % 3 = 0 THEN 22 * 60 END, CASE WHEN g % 3 = 0 THEN 7 * 60 END
    FROM generate_series(1, ${n}) AS g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Identity" ("id", "personId", "workspaceId", "externalUserId", "handle", "dmChannelId")
    SELECT 'i' || g, 'p' || g, ${workspaceOf}, 'U' || g, 'u' || g, 'DU' || g FROM generate_series(1, ${n}) AS g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Enrollment" ("id", "programId", "personId", "role", "status", "startDate")
    SELECT 'e' || g, ${programOf}, 'p' || g, 'mentee', 'active', to_char(date '${weekStart}' - (g % 266), 'YYYY-MM-DD')
    FROM generate_series(1, ${n}) AS g`);
}
