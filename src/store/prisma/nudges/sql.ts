import type { Prisma } from '../../../generated/prisma/client.js';
import type { Scope } from '../../../jobs/ports.js';

/** The database's clock in UTC, the way Prisma stores `timestamp` columns; one clock for every lease. */
export const NOW = `(now() AT TIME ZONE 'UTC')`;

/** Timestamps go in as UTC text so the session's time zone can never shift a `timestamp` column. */
export const utcText = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A JSON filter limiting rows to some workspaces (every row's refs carry its workspaceId). */
export function scopeWhere(scope: Scope): Prisma.PlannedNudgeWhereInput {
  if (!scope) return {};
  // Spelled out: an empty scope (an engine that only sends what it is handed) matches nothing.
  if (scope.length === 0) return { key: { in: [] } };
  return { OR: scope.map((id) => ({ refs: { path: ['workspaceId'], equals: id } })) };
}
