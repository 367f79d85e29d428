import type { AuditEntry } from '../../core/domain.js';
import type { AuditLog } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

export class PrismaAuditLog implements AuditLog {
  constructor(private readonly db: DbClient) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({ data: { ...entry, details: entry.details as object } });
  }

  async listForSubject(subjectType: string, subjectId: string): Promise<(AuditEntry & { at: Date })[]> {
    const rows = await this.db.auditEvent.findMany({ where: { subjectType, subjectId }, orderBy: { at: 'asc' } });
    return rows.map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
  }
}
