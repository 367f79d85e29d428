// A command that fails after writing something leaves nothing behind: its change and the
// messages it meant to send are in one transaction, so both roll back, and nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { UserError } from '../../../src/core/errors.js';
import { message, privateReply, type Outbound } from '../../../src/core/messages/model.js';
import { createTrellis, type Trellis } from '../../../src/core/trellis.js';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { uniqueName } from '../../support/db.js';
import { startOutboxDelivery, type OutboxDelivery } from '../../support/outbox-delivery.js';
import { createTestServices } from '../../support/services.js';

const workspace = uniqueName('failed');
const actor = (handle: string) => ({ platform: 'console' as const, workspaceExternalId: workspace, workspaceName: 'Test', externalUserId: handle, handle, displayName: handle, timeZone: 'UTC' });
const note = (ctx: Parameters<CommandSpec['run']>[0], action: string) =>
  ctx.store.audit.record({ actorPersonId: ctx.actor.id, action, subjectType: 'test', subjectId: workspace, details: {} });
const tellEveryone = (ctx: Parameters<CommandSpec['run']>[0]): Outbound[] => [
  { to: { kind: 'person', personId: ctx.actor.id }, message: message('A message for you') },
  { to: { kind: 'channel', workspaceId: ctx.workspace.id, channelId: 'C-general' }, message: message('A message for the channel') },
];

const commands: CommandSpec[] = [
  {
    // Writes a change and its messages to the outbox itself, then fails.
    path: ['write-then-fail'],
    args: [],
    requires: 'anyone',
    summary: 'fails late',
    run: async (ctx) => {
      await note(ctx, 'test.changed');
      await ctx.store.outbox.write(tellEveryone(ctx), { at: ctx.now });
      throw new UserError('That cannot be done now.', { code: 'NOT_YET' });
    },
  },
  {
    // The same change and messages, returned: the core writes them to the outbox.
    path: ['write-and-tell'],
    args: [],
    requires: 'anyone',
    summary: 'succeeds',
    run: async (ctx) => {
      await note(ctx, 'test.changed');
      return privateReply(message('Done.'), tellEveryone(ctx));
    },
  },
];

let services: Services;
let trellis: Trellis;
let outbox: OutboxDelivery;
const sent: string[] = [];

beforeAll(async () => {
  services = await createTestServices();
  trellis = createTrellis({ store: services.store, clock: services.clock, templates: services.templates, logger: services.logger, onOutboxWritten: services.outboxEvents.written }, { commands });
  const recording: PlatformRuntime = { platform: 'console', send: async (_target, msg) => void sent.push(msg.text), stop: async () => undefined };
  outbox = await startOutboxDelivery(services, [recording]);
});
afterAll(async () => {
  await outbox.close();
  await services.close();
});

const outboxRows = (where: { personId?: string; channel?: string; workspaceId?: string }) => services.prisma.plannedNudge.count({ where: { kind: 'outbound', ...where } });
const audited = () => services.prisma.auditEvent.count({ where: { subjectType: 'test', subjectId: workspace } });

describe('a command that fails after writing', () => {
  it('answers with its error, keeps no change and no outbox row, and sends nothing', async () => {
    const outcome = await trellis.handle(actor('ana'), { kind: 'command', text: 'write-then-fail' });
    await outbox.settle();
    expect(outcome.reply.message?.text).toContain('That cannot be done now.');
    expect(outcome.outbound).toEqual([]);
    const { person, workspace: space } = await services.store.people.resolve(actor('ana'));
    expect(await outboxRows({ personId: person.id })).toBe(0);
    expect(await outboxRows({ channel: 'C-general', workspaceId: space.id })).toBe(0);
    expect(await audited()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('while the same command succeeding keeps its change and sends each message once', async () => {
    await trellis.handle(actor('bo'), { kind: 'command', text: 'write-and-tell' });
    await outbox.settle();
    expect(await audited()).toBe(1);
    expect(sent.sort()).toEqual(['A message for the channel', 'A message for you']);
  });
});
