import type { AuditEntry } from '../../core/domain.js';
import type { AuditLog } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

export class PrismaAuditLog implements AuditLog {
  constructor(private readonly db: DbClient) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({ data: { ...entry, details: entry.details as object } });
  }
}
