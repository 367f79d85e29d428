import { describe, expect, it } from 'vitest';
import { argsOf } from '../../../src/core/commands/arguments/declared.js';
import type { ArgSpec } from '../../../src/core/commands/arguments/kinds.js';
import { createRouter } from '../../../src/core/commands/router.js';
import type { Args, CommandContext, CommandSpec, Requirement } from '../../../src/core/commands/types.js';
import { UserError } from '../../../src/core/errors.js';
import { message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import type { CoreModules } from '../../../src/core/trellis.js';
import { actor, coreUnderTest, seen, templates } from './core-under-test.js';

const reply = (text: string) => privateReply(message(text));

interface Call {
  name: string;
  /** Every declared argument that was given: people by display name, durations in minutes. */
  values: Record<string, unknown>;
  ctx: CommandContext;
  empty: boolean;
}

/** What a handler sees of its arguments, read back through the same `Args` API handlers use. */
function valuesOf(spec: CommandSpec, args: Args): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of argsOf(spec)) {
    if (!args.has(arg.name)) continue;
    if (arg.kind === 'person') out[arg.name] = arg.variadic ? args.persons(arg.name).map((p) => p.displayName) : args.person(arg.name)?.displayName;
    else out[arg.name] = args.number(arg.name) ?? args.string(arg.name);
  }
  return out;
}

const LOG_ARGS: ArgSpec[] = [
  { name: 'duration', kind: 'duration', description: 'how long' },
  { name: 'kind', kind: 'choice', description: 'what kind of call', choices: ['supervision', 'observation', 'co-facilitation'] },
  { name: 'date', kind: 'date', description: 'when', required: false },
  { name: 'notes', kind: 'text', description: 'private notes', required: false, variadic: true, maxLength: 40 },
  { name: 'check-in', kind: 'choice', description: 'ask for a debrief', required: false, flag: true, choices: ['safety', 'impasse'] },
];

/** Commands that report what the router gave them. */
function recordingModules(calls: Call[]): CoreModules {
  const spec = (path: string[], args: ArgSpec[] = [], requires: Requirement = 'anyone', extra: Partial<CommandSpec> = {}): CommandSpec => {
    const declared: CommandSpec = {
      path, summary: `does ${path.join(' ')}`, args, requires, ...extra,
      run: async (ctx, given) => {
        calls.push({ name: path.join(' '), values: valuesOf(declared, given), ctx, empty: given.empty });
        return reply(`ran ${path.join(' ')}`);
      },
    };
    return declared;
  };
  return {
    commands: [
      spec(['status']),
      spec(['log'], LOG_ARGS),
      spec(['admin'], [{ name: 'words', kind: 'text', description: 'anything', required: false, variadic: true }]),
      spec(['admin', 'match'], [{ name: 'mentor', kind: 'person', description: 'the mentor' }, { name: 'mentee', kind: 'person', description: 'the mentee' }]),
      spec(['invite'], [{ name: 'people', kind: 'person', description: 'who to invite', variadic: true }]),
      spec(['count'], [{ name: 'n', kind: 'integer', description: 'how many', min: 1, max: 9 }, { name: 'at', kind: 'time', description: 'when', required: false }]),
      spec(['form'], [{ name: 'duration', kind: 'duration', description: 'how long' }], 'anyone', { bareOpensForm: true }),
      spec(['mine'], [], 'participant'),
      spec(['boss'], [{ name: 'person', kind: 'person', description: 'someone' }], 'coordinator'),
    ],
    actions: [{ action: 'thing.confirm', run: async (_ctx, value) => reply(`confirmed ${value}`) }],
    forms: [{ formId: 'thing-form', run: async (_ctx, values, context) => reply(`form ${JSON.stringify(values)} ${context}`) }],
  };
}

function recorder() {
  const calls: Call[] = [];
  const core = coreUnderTest(recordingModules(calls));
  const typed = (who: string, path: string[], options: Record<string, string | number | boolean>) => core.handle(who, { kind: 'typed-command', path, options });
  return { calls, core, typed, ran: () => calls.map((c) => [c.name, c.values]) };
}

/** Makes people known in the workspace (they have used /mentor once). */
async function meet(core: ReturnType<typeof coreUnderTest>, ...handles: string[]) {
  for (const handle of handles) await core.store.people.resolve(actor(handle));
}

describe('router: typed text, read by the declaration', () => {
  it('reads each word by its kind: durations as minutes, choices and dates normalised, the rest as text', async () => {
    const { core, ran } = recorder();
    await core.command('ana', 'log 1h30m Supervision 2026-3-2 talked about week 3');
    expect(ran()).toEqual([['log', { duration: 90, kind: 'supervision', date: '2026-03-02', notes: 'talked about week 3' }]]);
  });

  it('skips an optional positional when the next word does not look like it', async () => {
    const { core, ran } = recorder();
    await core.command('ana', 'log 45m observation went well');
    await core.command('ana', 'log 45m observation yesterday');
    await core.command('ana', 'log 45m observation');
    expect(ran()).toEqual([
      ['log', { duration: 45, kind: 'observation', notes: 'went well' }],
      ['log', { duration: 45, kind: 'observation', date: 'yesterday' }],
      ['log', { duration: 45, kind: 'observation' }],
    ]);
  });

  it('takes flags anywhere in the line, as `--name value` or `--name=value`', async () => {
    const { core, ran } = recorder();
    await core.command('ana', 'log --check-in impasse 45m supervision it got hard');
    await core.command('ana', 'log 45m supervision it got hard --check-in=SAFETY');
    expect(ran()).toEqual([
      ['log', { duration: 45, kind: 'supervision', notes: 'it got hard', 'check-in': 'impasse' }],
      ['log', { duration: 45, kind: 'supervision', notes: 'it got hard', 'check-in': 'safety' }],
    ]);
  });

  it('lets a variadic argument take the rest: text joined, quoted words kept together, people listed once each', async () => {
    const { core, ran } = recorder();
    await meet(core, 'bo', 'cy');
    await core.command('ana', 'LOG 1h supervision "talked about" week 3');
    await core.command('ana', 'invite @bo <@UCY> @BO');
    expect(ran()).toEqual([
      ['log', { duration: 60, kind: 'supervision', notes: 'talked about week 3' }],
      ['invite', { people: ['Bo', 'Cy'] }],
    ]);
  });

  it('refuses unexpected trailing words privately, with the usage, without running the handler', async () => {
    const { core, calls } = recorder();
    const outcome = await core.command('ana', 'status now please');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toBe('I didn\'t expect "now please" there.\nUsage: `/mentor status`');
    expect(seen(await core.command('ana', 'count 3 12:00 extra'))).toMatch(/^I didn't expect "extra" there\.\nUsage: `\/mentor count <n> \[at\]`$/);
    expect(calls).toEqual([]);
  });

  it('names the argument that is missing or wrong, with the usage', async () => {
    const { core, calls } = recorder();
    const usage = 'Usage: `/mentor log <duration> supervision|observation|co-facilitation [date] [notes…] [--check-in safety|impasse]`';
    const missingKind = seen(await core.command('ana', 'log 45m'));
    expect(missingKind).toMatch(/\bkind\b.*what kind of call/);
    expect(missingKind.endsWith(`\n${usage}`)).toBe(true);
    expect(seen(await core.command('ana', 'log 45 supervision'))).toMatch(/^duration: "45" is not a length of time/);
    expect(seen(await core.command('ana', 'log 45m nap'))).toMatch(/^kind: "nap" is not one of: supervision, observation, co-facilitation\./);
    expect(seen(await core.command('ana', 'log 45m supervision 2026-02-30'))).toMatch(/2026-02-30 is not a real date/);
    expect(seen(await core.command('ana', 'log 45m supervision --check-in'))).toMatch(/^`--check-in` needs a value after it/);
    expect(seen(await core.command('ana', `log 45m supervision ${'x'.repeat(41)}`))).toMatch(/the most is 40/);
    expect(seen(await core.command('ana', 'count 0'))).toMatch(/^n: 0 is too small; the least is 1\./);
    expect(seen(await core.command('ana', 'count 3 25:00'))).toMatch(/^I didn't expect "25:00" there/);
    expect(seen(await core.command('ana', 'admin match @bo'))).toMatch(/mentee as @name/);
    expect(calls).toEqual([]);
  });

  it('resolves people in the workspace, and refuses someone unknown by naming the argument', async () => {
    const { core, calls, ran } = recorder();
    await meet(core, 'bo');
    expect(seen(await core.command('ana', 'admin match @bo @nobody'))).toMatch(/^mentee: I don't know @nobody here yet/);
    expect(seen(await core.command('ana', 'admin match bo @bo'))).toMatch(/^mentor: "bo" is not a person\. Name them as @name\./);
    expect(calls).toEqual([]);
    await core.trellis.handle(actor('bo', 'T-other'), { kind: 'command', text: 'status' });
    await core.trellis.handle(actor('zed', 'T-other'), { kind: 'command', text: 'admin match @zed @bo' });
    expect(ran()).toEqual([['status', {}], ['admin match', { mentor: 'Zed', mentee: 'Bo' }]]);
    expect(calls[1]!.ctx.workspace.externalId).toBe('T-other');
  });

  it('prefers the longest matching path (admin match over admin)', async () => {
    const { core, ran } = recorder();
    await meet(core, 'bo', 'cy');
    await core.command('ana', 'admin match @bo @cy');
    await core.command('ana', 'admin other things');
    expect(ran()).toEqual([['admin match', { mentor: 'Bo', mentee: 'Cy' }], ['admin', { words: 'other things' }]]);
  });

  it('runs a bare command that opens a form without asking for its required arguments', async () => {
    const { core, calls, typed } = recorder();
    await core.command('ana', 'form');
    await typed('ana', ['form'], {});
    await core.command('ana', 'form 20m');
    expect(calls.map((c) => [c.empty, c.values])).toEqual([[true, {}], [true, {}], [false, { duration: 20 }]]);
  });

  it('gives the handler the acting person, identity, workspace, channel, clock, templates and its usage line', async () => {
    const { core, calls } = recorder();
    await core.command('ana', 'count 3');
    const { ctx } = calls[0]!;
    expect(ctx.actor.displayName).toBe('Ana');
    expect(ctx.actor.timeZone).toBe('Europe/London');
    expect(ctx.identity).toMatchObject({ handle: 'ana', externalUserId: 'UANA', personId: ctx.actor.id });
    expect(ctx.workspace).toMatchObject({ platform: 'slack', externalId: 'T-unit' });
    expect(ctx.channelId).toBe('C-general');
    expect(ctx.now).toEqual(core.clock.now());
    expect(ctx.templates).toBe(templates);
    expect(ctx.usage).toBe('/mentor count <n> [at]');
    expect(ctx.scope).toBeUndefined();
  });
});

describe('router: typed options (Discord)', () => {
  it('reads each option by its declared name and kind', async () => {
    const { typed, ran } = recorder();
    await typed('ana', ['log'], { duration: '1h30m', kind: 'Observation', notes: 'a long talk', 'check-in': 'safety' });
    await typed('ana', ['count'], { n: 4, at: '9:05' });
    expect(ran()).toEqual([
      ['log', { duration: 90, kind: 'observation', notes: 'a long talk', 'check-in': 'safety' }],
      ['count', { n: 4, at: '09:05' }],
    ]);
  });

  it('takes people as bare platform ids or mentions, several in one option for a variadic argument', async () => {
    const { core, typed, ran } = recorder();
    await meet(core, 'bo', 'cy');
    await typed('ana', ['admin', 'match'], { mentor: 'UBO', mentee: '<@UCY>' });
    await typed('ana', ['invite'], { people: '<@UBO> <@UCY>' });
    expect(ran()).toEqual([['admin match', { mentor: 'Bo', mentee: 'Cy' }], ['invite', { people: ['Bo', 'Cy'] }]]);
  });

  it('refuses an option the command does not declare, a missing required one, and a wrong value', async () => {
    const { typed, calls } = recorder();
    expect(seen(await typed('ana', ['log'], { duration: '45m', kind: 'supervision', mood: 'fine' }))).toMatch(/^This command has no "mood" option\.\nUsage: /);
    expect(seen(await typed('ana', ['log'], { duration: '45m' }))).toMatch(/\bkind\b.*what kind of call/);
    expect(seen(await typed('ana', ['count'], { n: 99 }))).toMatch(/^n: 99 is too large; the most is 9\./);
    expect(calls).toEqual([]);
  });

  it('answers a path it does not know like unknown typed text', async () => {
    const { typed } = recorder();
    const outcome = await typed('ana', ['stauts'], {});
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/I don't know `\/mentor stauts`\. Did you mean `\/mentor status`/);
  });
});

describe('router: roles, checked before the handler runs', () => {
  async function programs(core: ReturnType<typeof coreUnderTest>, coordinator: string, slugs: string[]) {
    const { person, workspace } = await core.store.people.resolve(actor(coordinator));
    const made = [];
    for (const slug of slugs) {
      const program = await core.store.programs.create({ workspaceId: workspace.id, slug, name: slug.toUpperCase(), template: templates.list()[0]! });
      await core.store.enrollments.create({ programId: program.id, personId: person.id, role: 'coordinator', status: 'active', startDate: null, commitmentConfirmedAt: null });
      made.push(program);
    }
    return made;
  }

  it('refuses a coordinator command to someone who coordinates nothing, before looking up anyone named', async () => {
    const { core, calls } = recorder();
    const outcome = await core.command('ana', 'boss @nobody');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toBe('Only a program coordinator can do that.');
    expect(calls).toEqual([]);
  });

  it('hands a coordinator command its program as scope, asking which when there are several', async () => {
    const { core, calls } = recorder();
    await programs(core, 'cora', ['spring', 'autumn']);
    await meet(core, 'bo');
    expect(seen(await core.command('cora', 'boss @bo'))).toMatch(/You coordinate several programs \(`spring`, `autumn`\)\. Add `--program <name>`/);
    expect(seen(await core.command('cora', 'boss @bo --program winter'))).toMatch(/You don't coordinate a program called `winter`/);
    await core.command('cora', 'boss --program autumn @bo');
    expect(calls.map((c) => [c.ctx.scope?.program.slug, c.ctx.scope?.enrollment.role, c.values])).toEqual([['autumn', 'coordinator', { person: 'Bo', program: 'autumn' }]]);
  });

  it('hands a participant command the person’s own live enrollment, and refuses someone enrolled in nothing', async () => {
    const { core, calls } = recorder();
    const [spring] = await programs(core, 'cora', ['spring']);
    expect(seen(await core.command('ana', 'mine'))).toMatch(/You're not enrolled in a program yet\. Join one with `\/mentor join <program>`/);
    const { person } = await core.store.people.resolve(actor('ana'));
    await core.store.enrollments.create({ programId: spring!.id, personId: person.id, role: 'mentee', status: 'active', startDate: '2026-03-02', commitmentConfirmedAt: null });
    expect(seen(await core.command('cora', 'mine'))).toMatch(/not enrolled in a program as mentor or mentee/);
    await core.command('ana', 'mine');
    expect(calls.map((c) => [c.ctx.actor.displayName, c.ctx.scope?.program.slug, c.ctx.scope?.enrollment.role])).toEqual([['Ana', 'spring', 'mentee']]);
  });
});

describe('router: buttons and forms', () => {
  it('runs a button press with the value the button carried', async () => {
    const { core } = recorder();
    expect(seen(await core.handle('ana', { kind: 'action', action: 'thing.confirm', value: 'm_42' }))).toBe('confirmed m_42');
  });

  it('runs a form submission with its values and context', async () => {
    const { core } = recorder();
    const outcome = await core.handle('ana', { kind: 'form', formId: 'thing-form', values: { notes: 'a b' }, context: 'ctx-1' });
    expect(seen(outcome)).toBe('form {"notes":"a b"} ctx-1');
  });

  it('answers a button it no longer knows privately, without logging an error', async () => {
    const { core } = recorder();
    const outcome = await core.handle('ana', { kind: 'action', action: 'gone.away', value: 'x' });
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/no longer does anything/);
    expect(core.logger.at('error')).toEqual([]);
  });

  it('answers a form it no longer knows privately', async () => {
    const { core } = recorder();
    expect(seen(await core.handle('ana', { kind: 'form', formId: 'old-form', values: {} }))).toMatch(/expired/);
  });

  it('finds the same person on the next command, and a different one in another workspace', async () => {
    const { core, calls } = recorder();
    await core.command('ana', 'status');
    await core.command('ana', 'status');
    await core.trellis.handle(actor('ana', 'T-other'), { kind: 'command', text: 'status' });
    const [first, second, elsewhere] = calls.map((c) => c.ctx.actor.id);
    expect(second).toBe(first);
    expect(elsewhere).not.toBe(first);
  });
});

describe('unknown commands', () => {
  it('get a private answer that points to /mentor help and suggests the nearest command with its usage', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'stauts');
    expect(outcome.reply.visibility).toBe('private');
    expect(outcome.outbound).toEqual([]);
    const text = seen(outcome);
    expect(text).toContain("I don't know `/mentor stauts`");
    expect(text).toContain('Did you mean `/mentor status`');
    expect(text).toContain('/mentor help');
  });

  it('suggest every command of a family by its first letters', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'setings'));
    expect(text).toContain('Did you mean `/mentor settings`');
    expect(text).toContain('`/mentor settings timezone <zone>`');
  });

  it('still point to /mentor help when nothing is near', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'xyzzy now'));
    expect(text).toContain("I don't know `/mentor xyzzy now`");
    expect(text).not.toContain('Did you mean');
    expect(text).toContain('/mentor help');
  });
});

describe('checkDeclaration, when the router is built', () => {
  const command = (args: ArgSpec[], requires: Requirement = 'anyone'): CommandSpec => ({ path: ['thing'], summary: 'a thing', args, requires, run: async () => reply('ok') });
  const build = (args: ArgSpec[], requires?: Requirement) => () => createRouter([command(args, requires)]);

  it('accepts a well-formed declaration, and every command Trellis ships', () => {
    expect(build(LOG_ARGS)).not.toThrow();
    expect(() => createRouter(coreModules().commands)).not.toThrow();
  });

  it.each<[string, ArgSpec[], RegExp]>([
    ['a name that is not kebab-case', [{ name: 'checkIn', kind: 'word', description: 'x' }], /argument name "checkIn" must be kebab-case/],
    ['a name declared twice', [{ name: 'when', kind: 'date', description: 'x' }, { name: 'when', kind: 'time', description: 'y' }], /argument "when" is declared twice/],
    ['a choice without choices', [{ name: 'kind', kind: 'choice', description: 'x' }], /choice argument "kind" has no choices/],
    ['a custom kind without a reader', [{ name: 'colour', kind: 'custom', description: 'x' }], /custom argument "colour" has no reader/],
    ['a required flag', [{ name: 'loud', kind: 'word', description: 'x', flag: true }], /flag "loud" must be optional and single/],
    ['a variadic flag', [{ name: 'tags', kind: 'word', description: 'x', flag: true, required: false, variadic: true }], /flag "tags" must be optional and single/],
    ['an empty description', [{ name: 'n', kind: 'integer', description: '  ' }], /argument "n" needs a description/],
    ['a variadic argument before another positional', [{ name: 'notes', kind: 'text', description: 'x', variadic: true }, { name: 'n', kind: 'integer', description: 'y' }], /only the last positional argument may be variadic/],
  ])('refuses %s', (_what, args, problem) => {
    expect(build(args)).toThrow(problem);
  });
});

describe('failures inside a handler', () => {
  const failing = (error: unknown): CoreModules => ({
    commands: [{
      path: ['boom'], summary: 'fails', args: [{ name: 'n', kind: 'integer', description: 'a number', required: false }], requires: 'anyone',
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

  it('answer a UserError with its message and the usage it carries, privately, and log nothing', async () => {
    const core = coreUnderTest(failing(new UserError('Give me a number of minutes.', { code: 'BAD_DURATION', usage: '/mentor boom [n]' })));
    const outcome = await core.command('ana', 'boom');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toBe('Give me a number of minutes.\nUsage: `/mentor boom [n]`');
    expect(core.logger.entries).toEqual([]);
  });

  it('answer a UserError without usage with just its message', async () => {
    const outcome = await coreUnderTest(failing(new UserError('Not now.', { code: 'NOT_YET' }))).command('ana', 'boom');
    expect(seen(outcome)).toBe('Not now.');
  });

  it('add the usage to a UserError that names one of the arguments', async () => {
    const outcome = await coreUnderTest(failing(new UserError('That number is unlucky.', { code: 'INVALID_ARGUMENT', argument: 'n' }))).command('ana', 'boom 13');
    expect(seen(outcome)).toBe('That number is unlucky.\nUsage: `/mentor boom [n]`');
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

  it('/mentor settings changes one setting at a time and shows them all', async () => {
    const core = coreUnderTest(coreModules());
    expect(seen(await core.command('ana', 'settings timezone America/Chicago'))).toContain('Time zone: America/Chicago');
    expect(seen(await core.command('ana', 'settings quiet 22:00-7:00'))).toContain('Quiet hours: 22:00–07:00');
    expect(seen(await core.command('ana', 'settings quiet 21:30 - 6:45'))).toContain('Quiet hours: 21:30–06:45');
    expect(seen(await core.command('ana', 'settings reminders tues 18:30'))).toContain('Reminders: Tue 18:30');
    expect(seen(await core.command('ana', 'settings availability Mon 18:00-20:00, weekends'))).toContain('Availability for calls: Mon 18:00-20:00, Sat, Sun');
    const shown = seen(await core.command('ana', 'settings quiet off'));
    expect(shown).toContain('Quiet hours: none');
    expect(shown).toContain('`/mentor settings quiet <HH:MM-HH:MM|off>`');
    expect(core.store.snapshot.people[0]).toMatchObject({ timeZone: 'America/Chicago', quietStartMinute: null, nudgeWeekday: 2, nudgeMinute: 1110 });
  });

  it('/mentor settings explains a wrong value, changing nothing', async () => {
    const core = coreUnderTest(coreModules());
    expect(seen(await core.command('ana', 'settings'))).toContain('Time zone: Europe/London');
    expect(seen(await core.command('ana', 'settings timezone Mars/Olympus'))).toMatch(/^zone: "Mars\/Olympus" is not a time zone I know[\s\S]*Usage: `\/mentor settings timezone <zone>`/);
    expect(seen(await core.command('ana', 'settings quiet 22:00-22:00'))).toMatch(/quiet hours must start and end at different times/);
    expect(seen(await core.command('ana', 'settings quiet late'))).toMatch(/"late" is not a span of time/);
    expect(seen(await core.command('ana', 'settings reminders someday 09:00'))).toMatch(/"someday" is not a day/);
    expect(seen(await core.command('ana', 'settings reminders mon 9'))).toMatch(/"9" is not a time/);
    expect(seen(await core.command('ana', 'settings availability Blursday'))).toMatch(/couldn't read "blursday" as days and times/);
    expect(core.store.snapshot.people[0]).toMatchObject({ timeZone: 'Europe/London', quietStartMinute: null, nudgeWeekday: null });
  });

  it('/mentor join names the programs there are when the one asked for is not one of them', async () => {
    const core = coreUnderTest(coreModules());
    const { workspace } = await core.store.people.resolve(actor('cora'));
    await core.store.programs.create({ workspaceId: workspace.id, slug: 'spring', name: 'Spring', template: templates.list()[0]! });
    expect(seen(await core.command('ana', 'join autumn'))).toMatch(/There is no program called `autumn` here\. Programs here: `spring` \(Spring\)\.\nUsage: `\/mentor join <program> \[mentor\|mentee\] \[--time-zone <time-zone>\]`/);
    expect(seen(await core.command('ana', 'join spring coordinator'))).toMatch(/^role: "coordinator" is not a role you can join as/);
  });
});

describe('button values', () => {
  it('refuses a forged value (NUL byte, text, too long) before any handler runs', async () => {
    let ran = 0;
    const router = createRouter([], [{ action: 'x.do', run: async () => { ran++; return reply('ran'); } }]);
    const ctx = {} as CommandContext;
    for (const value of ['abc\u0000def', 'drop table; --', 'a'.repeat(65), '', 'a:b:c:d:e']) {
      await expect(router.dispatch(ctx, { kind: 'action', action: 'x.do', value })).rejects.toMatchObject({ code: 'ACTION_EXPIRED' });
    }
    expect(ran).toBe(0);
    await router.dispatch(ctx, { kind: 'action', action: 'x.do', value: '4b1f2c1e-8d5e-4a57-9a3c-2f1f0f6b9e01:yes' });
    expect(ran).toBe(1);
  });
});
