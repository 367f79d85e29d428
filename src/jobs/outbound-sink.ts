// The production OutboundSink: the messages a command owes other people and channels go on the
// same rate-limited delivery queues as nudges, with the same claim-before-send protocol. Each
// becomes a PlannedNudge row (kind "outbound") with a deterministic key, so handing the same
// outcome over twice is a no-op; the message itself is sealed with the app's AES-256-GCM key in
// Postgres and the Redis job holds only the key.
import { createHash } from 'node:crypto';
import type { OutboundSink } from '../app/outbound.js';
import { nudgeKeys, type NudgeRefs } from '../core/nudges/index.js';
import type { Outbound } from '../core/messages/model.js';
import type { Clock } from '../core/ports/clock.js';
import type { Cipher } from '../db/crypto.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Dispatcher } from './dispatcher.js';
import type { NudgeStore } from './nudge-store.js';

export interface OutboundSinkDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  clock: Clock;
  store: NudgeStore;
  dispatcher: Pick<Dispatcher, 'enqueue'>;
}

/** Same messages, same audiences, same minute → same id (a retried hand-over is dropped). */
function contentId(items: Outbound[], now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  return createHash('sha256').update(JSON.stringify([minute, items])).digest('base64url').slice(0, 22);
}

export function createOutboundSink(deps: OutboundSinkDeps): OutboundSink {
  /** The workspace a person's DM will use (same rule as delivery.ts), for scoping and reports. */
  async function workspaceOf(item: Outbound): Promise<string | undefined> {
    if (item.to.kind === 'channel') return item.to.workspaceId;
    const identity = await deps.prisma.identity.findFirst({ where: { personId: item.to.personId }, orderBy: { id: 'asc' }, select: { workspaceId: true } });
    return identity?.workspaceId;
  }

  return async (items, origin) => {
    if (!items.length) return;
    const now = deps.clock.now();
    const id = origin?.id ? createHash('sha256').update(origin.id).digest('base64url').slice(0, 22) : contentId(items, now);
    const rows = [];
    for (const [index, item] of items.entries()) {
      const refs: NudgeRefs = { workspaceId: await workspaceOf(item), sealed: deps.cipher.encrypt(JSON.stringify(item.message)) };
      const row = {
        key: nudgeKeys.outbound(id, index),
        kind: 'outbound',
        personId: item.to.kind === 'person' ? item.to.personId : null,
        channel: item.to.kind === 'channel' ? item.to.channelId : null,
        dueAt: now,
        refs,
      };
      await deps.store.insertQueued(row);
      rows.push(row);
    }
    // Enqueued even when the rows existed already: the job id makes a second add a no-op, and
    // a first hand-over that crashed between insert and enqueue gets its job now.
    await deps.dispatcher.enqueue(rows);
  };
}
