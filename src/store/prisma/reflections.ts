import type { ReflectionRepository } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

export class PrismaReflectionRepository implements ReflectionRepository {
  constructor(private readonly db: DbClient) {}

  countForEnrollment(enrollmentId: string): Promise<number> {
    return this.db.reflection.count({ where: { enrollmentId } });
  }
}
