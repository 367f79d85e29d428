import type { Identity, Person, Workspace } from '../../core/domain.js';
import type { IdentityInput, PeopleRepository } from '../../core/ports/repositories.js';
import type { Person as PersonRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  displayName: row.displayName,
  timeZone: row.timeZone,
  quietStartMinute: row.quietStartMinute,
  quietEndMinute: row.quietEndMinute,
  nudgeWeekday: row.nudgeWeekday,
  nudgeMinute: row.nudgeMinute,
  withdrawnAt: row.withdrawnAt,
});

const isValidZone = (zone: string | undefined): zone is string => {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export class PrismaPeopleRepository implements PeopleRepository {
  constructor(private readonly db: DbClient) {}

  async resolve(input: IdentityInput): Promise<{ person: Person; identity: Identity; workspace: Workspace }> {
    const workspace = await this.db.workspace.upsert({
      where: { platform_externalId: { platform: input.platform, externalId: input.workspaceExternalId } },
      create: { platform: input.platform, externalId: input.workspaceExternalId, name: input.workspaceName },
      update: {},
    });
    const existing = await this.db.identity.findUnique({
      where: { workspaceId_externalUserId: { workspaceId: workspace.id, externalUserId: input.externalUserId } },
      include: { person: true },
    });
    if (existing) {
      const identity = existing.handle === input.handle ? existing : await this.db.identity.update({ where: { id: existing.id }, data: { handle: input.handle } });
      return { person: toPerson(existing.person), identity, workspace };
    }
    const person = await this.db.person.create({
      data: {
        displayName: input.displayName,
        timeZone: isValidZone(input.timeZone) ? input.timeZone : 'UTC',
        identities: { create: { workspaceId: workspace.id, externalUserId: input.externalUserId, handle: input.handle } },
      },
      include: { identities: true },
    });
    return { person: toPerson(person), identity: person.identities[0]!, workspace };
  }

  async get(personId: string): Promise<Person | null> {
    const row = await this.db.person.findUnique({ where: { id: personId } });
    return row ? toPerson(row) : null;
  }

  async findByMention(workspaceId: string, mention: string): Promise<Person | null> {
    const platformId = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(mention)?.[1];
    const handle = mention.replace(/^@/, '');
    const identity = await this.db.identity.findFirst({
      where: platformId ? { workspaceId, externalUserId: platformId } : { workspaceId, handle: { equals: handle, mode: 'insensitive' } },
      include: { person: true },
    });
    return identity ? toPerson(identity.person) : null;
  }

  async update(personId: string, patch: Partial<Omit<Person, 'id'>>): Promise<Person> {
    return toPerson(await this.db.person.update({ where: { id: personId }, data: patch }));
  }
}
