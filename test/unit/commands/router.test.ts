import { describe, expect, it } from 'vitest';
import type { CommandContext, CommandSpec } from '../../../src/core/commands/types.js';
import { UserError } from '../../../src/core/errors.js';
import { message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import type { CoreModules } from '../../../src/core/trellis.js';
import { actor, coreUnderTest, seen, templates } from './core-under-test.js';

const reply = (text: string) => privateReply(message(text));

/** Commands that report what the router gave them. */
function recordingModules(calls: Array<{ name: string; args: string[]; ctx: CommandContext }>): CoreModules {
  const spec = (path: string[]): CommandSpec => ({
    path, usage: `/mentor ${path.join(' ')}`, summary: path.join(' '),
    run: async (ctx, args) => {
      calls.push({ name: path.join(' '), args, ctx });
      return reply(`ran ${path.join(' ')}`);
    },
  });
  return {
    commands: [spec(['status']), spec(['admin']), spec(['admin', 'match']), spec(['log-call'])],
    actions: [{ action: 'thing.confirm', run: async (_ctx, value) => reply(`confirmed ${value}`) }],
    forms: [{ formId: 'thing-form', run: async (_ctx, values, context) => reply(`form ${JSON.stringify(values)} ${context}`) }],
  };
}

describe('router', () => {
  it('runs the command whose path the words start with, passing the rest as arguments', async () => {
    const calls: Array<{ name: string; args: string[]; ctx: CommandContext }> = [];
    const core = coreUnderTest(recordingModules(calls));
    await core.command('ana', 'log-call 45m supervision');
    expect(calls.map((c) => [c.name, c.args])).toEqual([['log-call', ['45m', 'supervision']]]);
  });

  it('prefers the longest matching path (admin match over admin)', async () => {
    const calls: Array<{ name: string; args: string[]; ctx: CommandContext }> = [];
    const core = coreUnderTest(recordingModules(calls));
    await core.command('ana', 'admin match @bo @cy');
    await core.command('ana', 'admin other');
    expect(calls.map((c) => [c.name, c.args])).toEqual([['admin match', ['@bo', '@cy']], ['admin', ['other']]]);
  });

  it('matches command words case-insensitively and keeps quoted arguments together', async () => {
    const calls: Array<{ name: string; args: string[]; ctx: CommandContext }> = [];
    const core = coreUnderTest(recordingModules(calls));
    await core.command('ana', 'LOG-CALL 1h "talked about week 3"');
    expect(calls[0]?.args).toEqual(['1h', 'talked about week 3']);
  });

  it('gives the handler the acting person, their identity, workspace, channel and the clock’s now', async () => {
    const calls: Array<{ name: string; args: string[]; ctx: CommandContext }> = [];
    const core = coreUnderTest(recordingModules(calls));
    await core.command('ana', 'status');
    const { ctx } = calls[0]!;
    expect(ctx.actor.displayName).toBe('Ana');
    expect(ctx.actor.timeZone).toBe('Europe/London');
    expect(ctx.identity).toMatchObject({ handle: 'ana', externalUserId: 'UANA', personId: ctx.actor.id });
    expect(ctx.workspace).toMatchObject({ platform: 'slack', externalId: 'T-unit' });
    expect(ctx.channelId).toBe('C-general');
    expect(ctx.now).toEqual(core.clock.now());
    expect(ctx.templates).toBe(templates);
  });

  it('finds the same person on the next command, and a different one in another workspace', async () => {
    const calls: Array<{ name: string; args: string[]; ctx: CommandContext }> = [];
    const core = coreUnderTest(recordingModules(calls));
    await core.command('ana', 'status');
    await core.command('ana', 'status');
    await core.trellis.handle(actor('ana', 'T-other'), { kind: 'command', text: 'status' });
    const [first, second, elsewhere] = calls.map((c) => c.ctx.actor.id);
    expect(second).toBe(first);
    expect(elsewhere).not.toBe(first);
  });

  it('runs a button press with the value the button carried', async () => {
    const core = coreUnderTest(recordingModules([]));
    expect(seen(await core.handle('ana', { kind: 'action', action: 'thing.confirm', value: 'm_42' }))).toBe('confirmed m_42');
  });

  it('runs a form submission with its values and context', async () => {
    const core = coreUnderTest(recordingModules([]));
    const outcome = await core.handle('ana', { kind: 'form', formId: 'thing-form', values: { notes: 'a b' }, context: 'ctx-1' });
    expect(seen(outcome)).toBe('form {"notes":"a b"} ctx-1');
  });

  it('answers a button it no longer knows privately, without logging an error', async () => {
    const core = coreUnderTest(recordingModules([]));
    const outcome = await core.handle('ana', { kind: 'action', action: 'gone.away', value: 'x' });
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/no longer does anything/);
    expect(core.logger.at('error')).toEqual([]);
  });

  it('answers a form it no longer knows privately', async () => {
    const core = coreUnderTest(recordingModules([]));
    expect(seen(await core.handle('ana', { kind: 'form', formId: 'old-form', values: {} }))).toMatch(/expired/);
  });
});

describe('unknown subcommands', () => {
  it('get a private answer that points to /mentor help and suggests the nearest command', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'stauts');
    expect(outcome.reply.visibility).toBe('private');
    expect(outcome.outbound).toEqual([]);
    const text = seen(outcome);
    expect(text).toContain("I don't know `/mentor stauts`");
    expect(text).toContain('Did you mean `/mentor status`');
    expect(text).toContain('/mentor help');
  });

  it('still point to /mentor help when nothing is near', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'xyzzy now'));
    expect(text).toContain("I don't know `/mentor xyzzy now`");
    expect(text).not.toContain('Did you mean');
    expect(text).toContain('/mentor help');
  });
});

describe('failures inside a handler', () => {
  const failing = (error: unknown): CoreModules => ({
    commands: [{
      path: ['boom'], usage: '/mentor boom <n>', summary: 'fails',
      run: async (ctx) => {
        await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'boom.started', subjectType: 'person', subjectId: ctx.actor.id, details: {} });
        throw error;
      },
    }],
  });

  it('answer an unexpected exception with a generic private message and log the error', async () => {
    const error = new Error('connection reset while writing secret-notes');
    const core = coreUnderTest(failing(error));
    const outcome = await core.command('ana', 'boom');
    expect(outcome.reply.visibility).toBe('private');
    expect(outcome.outbound).toEqual([]);
    expect(seen(outcome)).toMatch(/Something went wrong on our side/);
    expect(seen(outcome)).not.toContain('secret-notes');
    const logged = core.logger.at('error');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.context.err).toBe(error);
  });

  it('undo everything the handler wrote before it failed (one transaction)', async () => {
    const core = coreUnderTest(failing(new Error('late failure')));
    await core.command('ana', 'boom');
    expect(core.store.snapshot.audit).toEqual([]);
    expect(core.store.snapshot.people).toEqual([]);
  });

  it('answer a UserError with its message and the usage, privately, and log nothing', async () => {
    const core = coreUnderTest(failing(new UserError('Give me a number of minutes.', { code: 'BAD_INPUT', usage: '/mentor boom <n>' })));
    const outcome = await core.command('ana', 'boom');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toBe('Give me a number of minutes.\nUsage: `/mentor boom <n>`');
    expect(core.logger.entries).toEqual([]);
  });

  it('answer a UserError without usage with just its message', async () => {
    const outcome = await coreUnderTest(failing(new UserError('Not now.', { code: 'BAD_INPUT' }))).command('ana', 'boom');
    expect(seen(outcome)).toBe('Not now.');
  });

  it('treat a thrown non-Error value like any other exception', async () => {
    const core = coreUnderTest(failing('a string'));
    expect(seen(await core.command('ana', 'boom'))).toMatch(/Something went wrong/);
    expect(core.logger.at('error')[0]!.context.err).toBe('a string');
  });

  it('answer an unclosed quote in the command text privately', async () => {
    const core = coreUnderTest(coreModules());
    const outcome = await core.command('ana', 'log-call 45m supervision "forgot to close');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/quote is opened but never closed/);
    expect(core.logger.at('error')).toEqual([]);
  });
});

describe('real commands over the in-memory store', () => {
  it('/mentor status tells someone in no program that the workspace has none yet', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'status');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/not enrolled in a program yet, and this workspace has none/);
  });

  it('/mentor status names the programs someone could join', async () => {
    const core = coreUnderTest(coreModules());
    const { workspace } = await core.store.people.resolve(actor('cora'));
    await core.store.programs.create({ workspaceId: workspace.id, slug: 'spring-cohort', name: 'Spring', template: templates.list()[0]! });
    expect(seen(await core.command('ana', 'status'))).toMatch(/join one with `\/mentor join <program>`.*`spring-cohort`/i);
  });
});
