// Moves rows that fall due soon from Postgres into BullMQ as delayed jobs (dispatch), puts back
// any job Redis lost (reconcile), and — for a clock that jumps, as in the console and tests —
// promotes delayed jobs whose rows are already due (promote). Job ids are derived from row keys,
// so adding a job that is already waiting or delayed is a no-op: all three are safe to repeat.
import type { Queue } from 'bullmq';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { jobIdFor, realDelay, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import { scopeWhere } from './nudge-store.js';

const PAGE = 1_000;

type RouteRow = { key: string; kind: string; personId: string | null; refs: Prisma.JsonValue; dueAt: Date };
const routeSelect = { key: true, kind: true, personId: true, refs: true, dueAt: true } as const;

const workspaceOf = (refs: Prisma.JsonValue): string | undefined =>
  refs && typeof refs === 'object' && !Array.isArray(refs) && typeof refs.workspaceId === 'string' ? refs.workspaceId : undefined;

export interface DispatcherDeps {
  prisma: PrismaClient;
  clock: EngineClock;
  config: EngineConfig;
  queues: Map<PlatformName, Queue>;
}

export function createDispatcher({ prisma, clock, config, queues }: DispatcherDeps) {
  const running = [...queues.keys()];
  const scope = scopeWhere(config.workspaceIds);

  /**
   * Which platform queue a row belongs to, by the same rule delivery.ts uses to pick the
   * target: a person's first identity (by id) on a running, installed workspace; a channel's
   * workspace. Null: nowhere to deliver.
   */
  async function route(rows: RouteRow[]): Promise<Map<string, PlatformName | null>> {
    const personIds = [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))];
    const identities = personIds.length
      ? await prisma.identity.findMany({
          where: { personId: { in: personIds }, workspace: { platform: { in: running }, uninstalledAt: null } },
          select: { personId: true, workspace: { select: { platform: true } } },
          orderBy: { id: 'asc' },
        })
      : [];
    const byPerson = new Map<string, PlatformName>();
    for (const i of identities) if (!byPerson.has(i.personId)) byPerson.set(i.personId, i.workspace.platform);
    const workspaceIds = [...new Set(rows.flatMap((r) => (r.personId ? [] : [workspaceOf(r.refs) ?? ''])))];
    const workspaces = workspaceIds.length
      ? await prisma.workspace.findMany({ where: { id: { in: workspaceIds }, uninstalledAt: null }, select: { id: true, platform: true } })
      : [];
    const byWorkspace = new Map(workspaces.map((w) => [w.id, w.platform as PlatformName]));
    return new Map(rows.map((r) => [r.key, (r.personId ? byPerson.get(r.personId) : byWorkspace.get(workspaceOf(r.refs) ?? '')) ?? null]));
  }

  /** Adds one delayed job per row to its platform's queue; rows nobody can deliver fail. */
  async function enqueue(rows: RouteRow[]): Promise<void> {
    const routes = await route(rows);
    const now = clock.now().getTime();
    const byQueue = new Map<PlatformName, RouteRow[]>();
    const unroutable: string[] = [];
    for (const row of rows) {
      const platform = routes.get(row.key);
      if (!platform) unroutable.push(row.key);
      else byQueue.set(platform, [...(byQueue.get(platform) ?? []), row]);
    }
    for (const [platform, list] of byQueue) {
      // The delay comes from the injected clock, so a console `advance` or a test clock agrees
      // with the rows' due times; BullMQ then counts it down in real time.
      await queues.get(platform)!.addBulk(
        list.map((r) => ({ name: r.kind, data: { key: r.key }, opts: { jobId: jobIdFor(r.key), delay: realDelay(clock, r.dueAt.getTime() - now) } })),
      );
    }
    await failUnroutable(unroutable);
  }

  async function failUnroutable(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await prisma.plannedNudge.updateMany({
      where: { key: { in: keys }, status: { in: ['planned', 'queued'] } },
      data: { status: 'failed', lastError: 'no running platform can reach this audience' },
    });
  }

  const horizon = () => new Date(clock.now().getTime() + config.dispatchHorizonMs);

  /** Planned rows due within the horizon become queued rows with a delayed job each. */
  async function dispatch(): Promise<number> {
    let moved = 0;
    for (;;) {
      const rows = await prisma.plannedNudge.findMany({
        where: { AND: [scope], status: 'planned', dueAt: { lte: horizon() } },
        select: routeSelect,
        orderBy: { dueAt: 'asc' },
        take: PAGE,
      });
      if (!rows.length) return moved;
      // Queued first, then the job: a crash in between leaves a queued row the reconciler re-adds.
      await prisma.plannedNudge.updateMany({ where: { key: { in: rows.map((r) => r.key) }, status: 'planned' }, data: { status: 'queued' } });
      await enqueue(rows);
      moved += rows.length;
      if (rows.length < PAGE) return moved;
    }
  }

  /**
   * Every queued row (and every claim whose worker died) within the horizon gets its job again.
   * Jobs that still exist are untouched (same id); finished jobs are removed at once, so a row
   * still open after its job ended — or after Redis lost everything — is simply re-added.
   */
  async function reconcile(): Promise<number> {
    const staleBefore = new Date(Date.now() - config.leaseMs);
    let after = '';
    let readded = 0;
    for (;;) {
      const rows = await prisma.plannedNudge.findMany({
        where: {
          AND: [scope, { OR: [{ status: 'queued' }, { status: 'claimed', claimedAt: { lt: staleBefore } }] }],
          key: { gt: after },
          dueAt: { lte: horizon() },
        },
        select: routeSelect,
        orderBy: { key: 'asc' },
        take: PAGE,
      });
      if (!rows.length) return readded;
      await enqueue(rows);
      readded += rows.length;
      after = rows[rows.length - 1]!.key;
      if (rows.length < PAGE) return readded;
    }
  }

  /** Delayed jobs of rows already due by the injected clock run now (the clock jumped ahead). */
  async function promoteDue(): Promise<number> {
    const rows = await prisma.plannedNudge.findMany({ where: { AND: [scope], status: 'queued', dueAt: { lte: clock.now() } }, select: { key: true } });
    let promoted = 0;
    for (const { key } of rows) {
      for (const queue of queues.values()) {
        const job = await queue.getJob(jobIdFor(key));
        if (job && (await job.isDelayed())) {
          await job.promote().then(() => promoted++, () => undefined);
        }
      }
    }
    return promoted;
  }

  return { dispatch, reconcile, promoteDue, enqueue };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
