import type { AvailabilityWindow, Contact, Identity, Person, Platform, Workspace } from '../../core/domain.js';
import type { Cipher } from '../../security/crypto.js';
import type { IdentityInput, PeopleRepository } from '../../core/ports/repositories.js';
import type { Person as PersonRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { isTimeZone } from '../../core/time/zones.js';
import { sealedColumn } from './sealed.js';

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  displayName: row.displayName,
  timeZone: row.timeZone,
  timeZoneChosen: row.timeZoneChosen,
  quietStartMinute: row.quietStartMinute,
  quietEndMinute: row.quietEndMinute,
  nudgeWeekday: row.nudgeWeekday,
  nudgeMinute: row.nudgeMinute,
  awayUntil: row.awayUntil,
  mutedNudgeKinds: row.mutedNudgeKinds,
  withdrawnAt: row.withdrawnAt,
});

export class PrismaPeopleRepository implements PeopleRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  /**
   * Safe when a person's (or a workspace's) first commands arrive at once: inserts use
   * ON CONFLICT DO NOTHING (createMany + skipDuplicates), which waits for the other transaction
   * instead of failing it, and the loser reads the winner's row.
   */
  async resolve(input: IdentityInput): Promise<{ person: Person; identity: Identity; workspace: Workspace }> {
    const workspaceKey = { platform: input.platform, externalId: input.workspaceExternalId };
    // Read first: the workspace exists for every command but its very first, so the insert (ON
    // CONFLICT DO NOTHING, safe when many first commands race) is a round trip only then.
    let workspace = await this.db.workspace.findUnique({ where: { platform_externalId: workspaceKey } });
    if (!workspace) {
      await this.db.workspace.createMany({ data: [{ ...workspaceKey, name: input.workspaceName }], skipDuplicates: true });
      workspace = await this.db.workspace.findUniqueOrThrow({ where: { platform_externalId: workspaceKey } });
    }
    const identityKey = { workspaceId_externalUserId: { workspaceId: workspace.id, externalUserId: input.externalUserId } };
    const existing = await this.db.identity.findUnique({ where: identityKey, include: { person: true } });
    if (existing) {
      const identity = existing.handle === input.handle ? existing : await this.db.identity.update({ where: { id: existing.id }, data: { handle: input.handle } });
      return { person: toPerson(existing.person), identity, workspace };
    }
    const person = await this.db.person.create({ data: { displayName: input.displayName, timeZone: input.timeZone && isTimeZone(input.timeZone) ? input.timeZone : 'UTC' } });
    const created = await this.db.identity.createMany({
      data: [{ personId: person.id, workspaceId: workspace.id, externalUserId: input.externalUserId, handle: input.handle }],
      skipDuplicates: true,
    });
    if (created.count === 0) await this.db.person.delete({ where: { id: person.id } });
    const identity = await this.db.identity.findUniqueOrThrow({ where: identityKey, include: { person: true } });
    return { person: toPerson(identity.person), identity, workspace };
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

  async followPlatformZone(input: { platform: Platform; workspaceExternalId: string; externalUserId: string; timeZone: string }): Promise<boolean> {
    if (!isTimeZone(input.timeZone)) return false;
    const { count } = await this.db.person.updateMany({
      where: { timeZoneChosen: false, timeZone: { not: input.timeZone }, identities: { some: { externalUserId: input.externalUserId, workspace: { platform: input.platform, externalId: input.workspaceExternalId } } } },
      data: { timeZone: input.timeZone },
    });
    return count > 0;
  }

  async update(personId: string, patch: Partial<Omit<Person, 'id'>>): Promise<Person> {
    return toPerson(await this.db.person.update({ where: { id: personId }, data: patch }));
  }

  async setContact(personId: string, contact: Contact): Promise<void> {
    const [first, phone] = [sealedColumn(this.cipher, 'Person', 'firstNameEnc'), sealedColumn(this.cipher, 'Person', 'phoneEnc')];
    await this.db.person.update({ where: { id: personId }, data: { firstNameEnc: first.sealOrNull(personId, contact.firstName), phoneEnc: phone.sealOrNull(personId, contact.phone) } });
  }

  async getContact(personId: string): Promise<Contact> {
    const row = await this.db.person.findUniqueOrThrow({ where: { id: personId }, select: { firstNameEnc: true, phoneEnc: true } });
    const [first, phone] = [sealedColumn(this.cipher, 'Person', 'firstNameEnc'), sealedColumn(this.cipher, 'Person', 'phoneEnc')];
    return { firstName: first.openOrNull(personId, row.firstNameEnc), phone: phone.openOrNull(personId, row.phoneEnc) };
  }

  async setAvailability(personId: string, windows: AvailabilityWindow[]): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { availability: windows as unknown as object } });
  }

  async getAvailability(personId: string): Promise<AvailabilityWindow[]> {
    const row = await this.db.person.findUnique({ where: { id: personId }, select: { availability: true } });
    return Array.isArray(row?.availability) ? (row.availability as unknown as AvailabilityWindow[]) : [];
  }
}
