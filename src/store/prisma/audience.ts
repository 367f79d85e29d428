// The one audience resolver: every message to a person or a channel — a command's outbox row,
// a planned nudge — is routed here, once, and the route is stored on its row.
import type { Audience } from '../../core/messages/model.js';
import type { Route } from '../../platform/route.js';
import type { DbClient } from './client.js';

/**
 * A person: a DM through their first identity (by id) on an installed workspace. A channel: that
 * channel through its workspace, if installed. Null: nobody can be reached (no identity, the
 * app left the workspace, or no audience at all). Two queries whatever the number of audiences.
 */
export async function resolveAudiences(db: DbClient, audiences: (Audience | null)[]): Promise<(Route | null)[]> {
  const personIds = [...new Set(audiences.flatMap((a) => (a?.kind === 'person' ? [a.personId] : [])))];
  const workspaceIds = [...new Set(audiences.flatMap((a) => (a?.kind === 'channel' ? [a.workspaceId] : [])))];
  const [identities, workspaces] = await Promise.all([
    personIds.length
      ? db.identity.findMany({
          where: { personId: { in: personIds }, workspace: { uninstalledAt: null } },
          select: { id: true, personId: true, externalUserId: true, workspace: { select: { id: true, platform: true, externalId: true } } },
          orderBy: { id: 'asc' },
        })
      : [],
    workspaceIds.length ? db.workspace.findMany({ where: { id: { in: workspaceIds }, uninstalledAt: null }, select: { id: true, platform: true, externalId: true } }) : [],
  ]);
  const byPerson = new Map<string, Route>();
  for (const i of identities) {
    if (byPerson.has(i.personId)) continue;
    const target = { kind: 'dm' as const, identityId: i.id, workspaceExternalId: i.workspace.externalId, userExternalId: i.externalUserId };
    byPerson.set(i.personId, { platform: i.workspace.platform, workspaceId: i.workspace.id, target });
  }
  const byWorkspace = new Map(workspaces.map((w) => [w.id, w]));
  return audiences.map((a) => {
    if (!a) return null;
    if (a.kind === 'person') return byPerson.get(a.personId) ?? null;
    const w = byWorkspace.get(a.workspaceId);
    return w ? { platform: w.platform, workspaceId: w.id, target: { kind: 'channel', workspaceExternalId: w.externalId, channelId: a.channelId } } : null;
  });
}

/** A stored row's audience: its person, else its channel in the workspace its refs name. */
export function audienceOfRow(row: { personId: string | null; channel: string | null; refs: unknown }): Audience | null {
  if (row.personId) return { kind: 'person', personId: row.personId };
  const refs = row.refs as { workspaceId?: unknown } | null;
  const workspaceId = refs && typeof refs === 'object' && typeof refs.workspaceId === 'string' ? refs.workspaceId : undefined;
  return row.channel && workspaceId ? { kind: 'channel', workspaceId, channelId: row.channel } : null;
}
