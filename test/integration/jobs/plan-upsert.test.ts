// The planner's write (NudgeRepository.upsert): new occurrences are inserted, a row still only
// planned follows a changed due time, a cancelled row comes back, and everything else — a row
// unchanged, or one already queued, claimed or sent — is left exactly as it is (not rewritten).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../src/core/nudges/index.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const occurrence = (h: Harness, key: string, dueAt: string): Occurrence => ({
  key,
  kind: 'reflection',
  personId: null,
  channel: null,
  dueAt: new Date(dueAt),
  expiresAt: new Date('2026-12-31T00:00:00Z'),
  refs: { workspaceId: h.workspaceId, enrollmentId: 'e', week: 1 },
});

describe('planner upsert', () => {
  it('writes only what must change', async () => {
    h = await createHarness('2026-03-01T00:00:00Z');
    const nudges = h.services.jobStore.nudges;
    const prisma = h.services.prisma;
    const k = (name: string) => `${name}:${randomUUID()}`;
    const keys = { same: k('same'), moved: k('moved'), cancelled: k('cancelled'), sent: k('sent'), claimed: k('claimed') };
    const first = Object.values(keys).map((key) => occurrence(h, key, '2026-03-05T09:00:00Z'));
    expect(await nudges.upsert(first)).toBe(5);
    await prisma.plannedNudge.update({ where: { key: keys.cancelled }, data: { status: 'cancelled', lastError: 'paused' } });
    await prisma.plannedNudge.update({ where: { key: keys.sent }, data: { status: 'sent' } });
    await prisma.plannedNudge.update({ where: { key: keys.claimed }, data: { status: 'claimed' } });
    const before = new Map((await prisma.plannedNudge.findMany({ where: { key: { in: Object.values(keys) } } })).map((r) => [r.key, r]));

    // Nothing changed: nothing is written.
    expect(await nudges.upsert(first)).toBe(1); // only the cancelled row comes back
    const later = '2026-03-05T10:00:00Z';
    const newKey = k('new');
    const second = [
      occurrence(h, keys.same, '2026-03-05T09:00:00Z'),
      occurrence(h, keys.moved, later),
      occurrence(h, keys.sent, later),
      occurrence(h, keys.claimed, later),
      occurrence(h, newKey, later),
    ];
    expect(await nudges.upsert(second)).toBe(2); // moved, and the new one

    const after = new Map((await prisma.plannedNudge.findMany({ where: { key: { in: [...Object.values(keys), newKey] } } })).map((r) => [r.key, r]));
    expect(after.get(keys.same)).toEqual(before.get(keys.same)); // not even updatedAt moved
    expect(after.get(keys.moved)).toMatchObject({ status: 'planned', dueAt: new Date(later) });
    expect(after.get(keys.cancelled)).toMatchObject({ status: 'planned' });
    expect(after.get(keys.sent)).toEqual(before.get(keys.sent));
    expect(after.get(keys.claimed)).toEqual(before.get(keys.claimed));
    expect(after.get(newKey)).toMatchObject({ status: 'planned', dueAt: new Date(later), kind: 'reflection', refs: { workspaceId: h.workspaceId, enrollmentId: 'e', week: 1 } });
  });

  it('stores every field as given, in the tab-separated form and in the JSON form text with tabs or backslashes needs', async () => {
    h = await createHarness('2026-03-01T00:00:00Z');
    const nudges = h.services.jobStore.nudges;
    const id = randomUUID();
    const refs = { workspaceId: h.workspaceId, note: 'tab\there, newline\nthere, back\\slash, "quoted", ünïcode' };
    const plain: Occurrence = { ...occurrence(h, `plain:${id}`, '2026-03-05T09:00:00.123Z'), personId: `p-${id}`, channel: 'C123', refs };
    const bare: Occurrence = { ...occurrence(h, `bare:${id}`, '2026-03-05T09:30:00Z'), personId: null, channel: null };
    const odd: Occurrence = { ...occurrence(h, `odd\\key\t${id}`, '2026-03-06T09:00:00Z'), personId: 'p\\N', channel: '' };
    // Two batches: one the text form carries, and one that must go as JSON.
    expect(await nudges.upsert([plain, bare])).toBe(2);
    expect(await nudges.upsert([odd, plain])).toBe(1);
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { key: { in: [plain.key, bare.key, odd.key] } } });
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const o of [plain, bare, odd]) {
      expect(byKey.get(o.key)).toMatchObject({ kind: o.kind, personId: o.personId, channel: o.channel, dueAt: o.dueAt, refs: o.refs, status: 'planned', attempts: 0 });
    }
  });
});
