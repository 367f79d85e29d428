import type { Program, ProgramHoliday } from '../../core/domain.js';
import type { ProgramRepository } from '../../core/ports/repositories.js';
import { parseTemplate } from '../../core/programs/load-templates.js';
import type { ProgramTemplate } from '../../core/programs/template-schema.js';
import type { Program as ProgramRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

// The stored snapshot is parsed again: a row edited by hand must not crash a command later.
const toProgram = (row: ProgramRow): Program => ({
  id: row.id,
  workspaceId: row.workspaceId,
  slug: row.slug,
  name: row.name,
  template: parseTemplate(row.template),
  createdAt: row.createdAt,
});

export class PrismaProgramRepository implements ProgramRepository {
  constructor(private readonly db: DbClient) {}

  async create(input: { workspaceId: string; slug: string; name: string; template: ProgramTemplate }): Promise<Program> {
    const row = await this.db.program.create({
      data: {
        workspaceId: input.workspaceId,
        slug: input.slug,
        name: input.name,
        templateId: input.template.id,
        templateVersion: input.template.version,
        template: input.template as object,
      },
    });
    return toProgram(row);
  }

  async findBySlug(workspaceId: string, slug: string): Promise<Program | null> {
    const row = await this.db.program.findUnique({ where: { workspaceId_slug: { workspaceId, slug } } });
    return row ? toProgram(row) : null;
  }

  async get(programId: string): Promise<Program | null> {
    const row = await this.db.program.findUnique({ where: { id: programId } });
    return row ? toProgram(row) : null;
  }

  async listByWorkspace(workspaceId: string): Promise<Program[]> {
    const rows = await this.db.program.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
    return rows.map(toProgram);
  }

  async addHoliday(holiday: Omit<ProgramHoliday, 'id'>): Promise<ProgramHoliday> {
    const row = await this.db.programHoliday.create({ data: holiday });
    return toHoliday(row);
  }

  async listHolidays(programId: string): Promise<ProgramHoliday[]> {
    const rows = await this.db.programHoliday.findMany({ where: { programId }, orderBy: { startsAt: 'asc' } });
    return rows.map(toHoliday);
  }
}

const toHoliday = (row: ProgramHoliday): ProgramHoliday => ({
  id: row.id,
  programId: row.programId,
  firstDay: row.firstDay,
  lastDay: row.lastDay,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  shiftsClock: row.shiftsClock,
});
