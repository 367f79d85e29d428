import { describe, expect, it } from 'vitest';
import { createInMemoryStore } from '../../support/fakes/in-memory-store.js';
import { actor } from './core-under-test.js';

// The fake must behave like the Prisma store where the core relies on it, or unit tests lie.
describe('in-memory store fake', () => {
  it('finds the same person again by workspace and platform user id, updating the handle', async () => {
    const store = createInMemoryStore();
    const first = await store.people.resolve(actor('ana'));
    const again = await store.people.resolve({ ...actor('ana'), handle: 'ana.b' });
    expect(again.person.id).toBe(first.person.id);
    expect(again.identity.handle).toBe('ana.b');
    expect(again.workspace.id).toBe(first.workspace.id);
    expect((await store.people.resolve(actor('ana', 'T-elsewhere'))).person.id).not.toBe(first.person.id);
  });

  it('keeps a valid platform time zone and falls back to UTC for an unknown one', async () => {
    const store = createInMemoryStore();
    expect((await store.people.resolve(actor('ana'))).person.timeZone).toBe('Europe/London');
    expect((await store.people.resolve({ ...actor('bo'), timeZone: 'Mars/Olympus' })).person.timeZone).toBe('UTC');
  });

  it('finds people by <@platform id> and by @handle within a workspace', async () => {
    const store = createInMemoryStore();
    const { person, workspace } = await store.people.resolve(actor('ana'));
    expect((await store.people.findByMention(workspace.id, '<@UANA|ana>'))?.id).toBe(person.id);
    expect((await store.people.findByMention(workspace.id, '@ANA'))?.id).toBe(person.id);
    expect(await store.people.findByMention(workspace.id, '@nobody')).toBeNull();
    expect(await store.people.findByMention('other-workspace', '@ana')).toBeNull();
  });

  it('undoes a transaction that throws and keeps one that finishes', async () => {
    const store = createInMemoryStore();
    await expect(store.transaction(async (tx) => {
      await tx.people.resolve(actor('ana'));
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(store.snapshot.people).toEqual([]);
    await store.transaction((tx) => tx.people.resolve(actor('ana')));
    expect(store.snapshot.people).toHaveLength(1);
  });

  it('refuses a second program with the same slug in a workspace, like the unique index', async () => {
    const store = createInMemoryStore();
    const { workspace } = await store.people.resolve(actor('cora'));
    const template = { id: 't' } as never;
    await store.programs.create({ workspaceId: workspace.id, slug: 'spring', name: 'Spring', template });
    await expect(store.programs.create({ workspaceId: workspace.id, slug: 'spring', name: 'Again', template })).rejects.toThrow(/already exists/);
  });

  it('names the repository and method a test would need when it is not implemented', async () => {
    const store = createInMemoryStore();
    await expect(store.matches.get('m1')).rejects.toThrow('InMemoryStore: matches.get is not implemented');
  });
});
