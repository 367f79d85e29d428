import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_CHANNEL, createConsoleAdapter } from '../../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../../src/adapters/console/console-memory.js';
import { consolePlatform } from '../../../src/adapters/console/console-platform.js';
import { formReply, message, privateReply, type Button, type Form, type Outcome } from '../../../src/core/messages/model.js';
import { FakeTrellis } from './fake-trellis.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const withButtons = (text: string, buttons: Button[], outbound: Outcome['outbound'] = []): Outcome =>
  privateReply(message(text, [{ type: 'text', text }, { type: 'actions', buttons }]), outbound);
const joinForm: Form = { id: 'join-details', title: 'Join', submitLabel: 'Send', context: 'enr_7', inputs: [{ kind: 'text', id: 'availability', label: 'When are you free?' }] };

let trellis: FakeTrellis;
let clock: ConsoleClock;
let memory: ConsoleMemory;
let output: string[];
let runDueCalls: number;
let console_: ReturnType<typeof createConsoleAdapter>;
const people: Record<string, string> = { p_bo: 'bo' };

beforeEach(() => {
  trellis = new FakeTrellis();
  clock = new ConsoleClock(() => START);
  memory = new ConsoleMemory();
  output = [];
  runDueCalls = 0;
  const write = (line: string) => output.push(line);
  // The delivery workers' part, in miniature: what the fake core put in its outbox goes out
  // through the console platform before the next line.
  const platform = consolePlatform(write, memory);
  console_ = createConsoleAdapter({
    trellis, clock, memory, write, timeZone: 'Europe/London',
    settle: async () => {
      for (const item of trellis.outbox.splice(0)) {
        const target = item.to.kind === 'person'
          ? { kind: 'dm' as const, workspaceExternalId: 'local', userExternalId: people[item.to.personId] ?? item.to.personId, dmChannelId: null, rememberDmChannel: async () => undefined }
          : { kind: 'channel' as const, workspaceExternalId: 'local', channelId: item.to.channelId };
        await platform.send(target, item.message);
      }
    },
    runDue: async () => {
      runDueCalls++;
    },
  });
});

const lines = async (...input: string[]) => {
  for (const line of input) await console_.handleLine(line);
};

describe('console adapter: who is acting', () => {
  it('answers a command before `as` with a hint and does not run it', async () => {
    await lines('/mentor help');
    expect(trellis.handled).toEqual([]);
    expect(output).toEqual([expect.stringMatching(/Say who you are first, e\.g\. `as ana`/)]);
  });

  it('runs /mentor commands as the person named by `as`, in the console workspace and channel', async () => {
    await lines('as ana', '/mentor help');
    expect(trellis.handled).toEqual([{
      actor: { platform: 'console', workspaceExternalId: 'local', workspaceName: 'Console', externalUserId: 'ana', handle: 'ana', displayName: 'Ana', timeZone: 'Europe/London', channelId: CONSOLE_CHANNEL },
      invocation: { kind: 'command', text: 'help' },
    }]);
  });

  it('switches person with each `as`, lower-casing the name', async () => {
    await lines('as ana', '/mentor status', 'as Bo', '/mentor status', 'as ana', '/mentor status');
    expect(trellis.handles).toEqual(['ana', 'bo', 'ana']);
  });

  it('refuses a name it cannot use and keeps the current person', async () => {
    await lines('as ana', 'as two words', '/mentor status');
    expect(output[0]).toMatch(/Usage: as <name>/);
    expect(trellis.handles).toEqual(['ana']);
  });
});

describe('console adapter: output', () => {
  it('prints a private reply on its own line naming its audience', async () => {
    trellis.answerNext(privateReply(message('Hello Ana', [{ type: 'heading', text: 'Hello Ana' }, { type: 'list', items: ['one', 'two'] }])));
    await lines('as ana', '/mentor help');
    expect(output).toEqual(['[to ana (private)] Hello Ana\n    • one\n    • two']);
  });

  it('prints a channel reply to the console channel and messages for others with their names', async () => {
    trellis.answerNext({
      reply: { visibility: 'channel', message: message('Meeting on Monday') },
      outbound: [{ to: { kind: 'person', personId: 'p_bo' }, message: message('Ana logged a call with you') }, { to: { kind: 'channel', workspaceId: 'w', channelId: 'cohort-a' }, message: message('RSVP please') }],
    });
    await lines('as ana', '/mentor cohort');
    expect(output).toEqual(['[to #console] Meeting on Monday', '[to bo] Ana logged a call with you', '[to #cohort-a] RSVP please']);
  });

  it('shows each button with the press line that triggers it', async () => {
    trellis.answerNext(withButtons('Ready?', [{ action: 'join.confirm', value: 'e1', label: 'I commit' }]));
    await lines('as ana', '/mentor join cert');
    expect(output[0]).toContain('[I commit: press join.confirm e1]');
  });

  it('shows a form with the submit line to fill it in', async () => {
    trellis.answerNext(formReply(joinForm));
    await lines('as ana', '/mentor join cert');
    expect(output.join('\n')).toContain('submit join-details context=enr_7 availability="…"');
  });
});

describe('console adapter: press', () => {
  it('presses the newest button with that action shown to the current person when no value is given', async () => {
    trellis.answerNext(withButtons('first', [{ action: 'join.confirm', value: 'e1', label: 'Yes' }]));
    trellis.answerNext(withButtons('second', [{ action: 'join.confirm', value: 'e2', label: 'Yes' }, { action: 'join.decline', value: 'e2', label: 'No' }]));
    await lines('as ana', '/mentor join a', '/mentor join b', 'press join.confirm');
    expect(trellis.handled.at(-1)!.invocation).toEqual({ kind: 'action', action: 'join.confirm', value: 'e2' });
  });

  it('uses the value given on the line', async () => {
    await lines('as ana', 'press call.confirm c_9');
    expect(trellis.handled.at(-1)!.invocation).toEqual({ kind: 'action', action: 'call.confirm', value: 'c_9' });
  });

  it('remembers buttons delivered to another person, for when they act', async () => {
    trellis.answerNext(withButtons('logged', [], [{ to: { kind: 'person', personId: 'p_bo' }, message: { text: 'confirm?', blocks: [{ type: 'actions', buttons: [{ action: 'call.confirm', value: 'c_1', label: 'Confirm' }] }] } }]));
    await lines('as ana', '/mentor log-call 45m supervision', 'as bo', 'press call.confirm');
    expect(trellis.handled.at(-1)).toMatchObject({ actor: { handle: 'bo' }, invocation: { kind: 'action', action: 'call.confirm', value: 'c_1' } });
  });

  it('lets anyone press a button posted in the channel (a cohort RSVP)', async () => {
    const rsvp = { type: 'actions' as const, buttons: [{ action: 'cohort.rsvp', value: 'm1:yes', label: 'Going' }] };
    trellis.answerNext(withButtons('scheduled', [], [{ to: { kind: 'channel', workspaceId: 'w', channelId: CONSOLE_CHANNEL }, message: { text: 'Peer meeting', blocks: [rsvp] } }]));
    trellis.answerNext(privateReply(message('Thanks, bo')));
    trellis.answerNext({ reply: { visibility: 'channel', message: { text: 'Next one', blocks: [{ ...rsvp, buttons: [{ ...rsvp.buttons[0]!, value: 'm2:yes' }] }] } }, outbound: [] });
    await lines('as cora', '/mentor admin cohort meeting', 'as bo', 'press cohort.rsvp', 'as cora', '/mentor admin cohort meeting', 'as ana', 'press cohort.rsvp');
    expect(trellis.handled.filter((h) => h.invocation.kind === 'action').map((h) => [h.actor.handle, h.invocation])).toEqual([
      ['bo', { kind: 'action', action: 'cohort.rsvp', value: 'm1:yes' }],
      ['ana', { kind: 'action', action: 'cohort.rsvp', value: 'm2:yes' }],
    ]);
  });

  it('prefers a button shown to the person after a channel button with the same action', async () => {
    const button = (value: string) => ({ action: 'cohort.rsvp', value, label: 'Going' });
    trellis.answerNext(withButtons('scheduled', [], [{ to: { kind: 'channel', workspaceId: 'w', channelId: CONSOLE_CHANNEL }, message: { text: 'x', blocks: [{ type: 'actions', buttons: [button('m1:yes')] }] } }]));
    trellis.answerNext(withButtons('reminder', [button('m9:yes')]));
    await lines('as ana', '/mentor admin cohort meeting', '/mentor cohort', 'press cohort.rsvp');
    expect(trellis.handled.at(-1)!.invocation).toMatchObject({ value: 'm9:yes' });
  });

  it('says so when no such button was shown to the current person', async () => {
    trellis.answerNext(withButtons('for ana', [{ action: 'join.confirm', value: 'e1', label: 'Yes' }]));
    await lines('as ana', '/mentor join a', 'as bo', 'press join.confirm');
    expect(trellis.handles).toEqual(['ana']);
    expect(output.at(-1)).toBe('No "join.confirm" button has been shown to bo.');
  });
});

describe('console adapter: submit', () => {
  it('submits key="value with spaces" pairs with the context of the last form of that id', async () => {
    trellis.answerNext(formReply(joinForm));
    await lines('as ana', '/mentor join cert', 'submit join-details availability="Mon 18:00-20:00, Thu" field=nursing');
    expect(trellis.handled.at(-1)!.invocation).toEqual({
      kind: 'form', formId: 'join-details', values: { availability: 'Mon 18:00-20:00, Thu', field: 'nursing' }, context: 'enr_7',
    });
  });

  it('lets context= on the line override the remembered one', async () => {
    trellis.answerNext(formReply(joinForm));
    await lines('as ana', '/mentor join cert', 'submit join-details context=enr_8 availability=now');
    expect(trellis.handled.at(-1)!.invocation).toMatchObject({ values: { availability: 'now' }, context: 'enr_8' });
  });

  it('submits without context when no such form was shown', async () => {
    await lines('as ana', 'submit log-call minutes=45');
    expect(trellis.handled.at(-1)!.invocation).toEqual({ kind: 'form', formId: 'log-call', values: { minutes: '45' }, context: undefined });
  });

  it.each([
    ['a word that is not key=value', 'submit join-details nonsense', '"nonsense" should look like key=value.'],
    ['no form id', 'submit', 'Usage: submit <form> key="value" …'],
    ['an unclosed quote', 'submit join-details a="b', 'A quote is opened but never closed.'],
  ])('answers %s with a hint and submits nothing', async (_label, line, answer) => {
    await lines('as ana', line);
    expect(trellis.handled).toEqual([]);
    expect(output).toEqual([answer]);
  });
});

describe('console adapter: advance', () => {
  it('moves the console clock by the duration and runs what fell due', async () => {
    await lines('advance 8d');
    expect(clock.now().toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(runDueCalls).toBe(1);
    expect(output).toEqual(['[clock] 2026-03-10T09:00:00.000Z — Tue 10 Mar 2026, 09:00 in Europe/London']);
  });

  it('adds up successive advances', async () => {
    await lines('advance 1h30m', 'advance 30m');
    expect(clock.now().toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(runDueCalls).toBe(2);
  });

  it('refuses a duration it cannot read and leaves the clock alone', async () => {
    await lines('advance soon', 'advance');
    expect(clock.now().getTime()).toBe(START);
    expect(runDueCalls).toBe(0);
    expect(output).toHaveLength(2);
    for (const line of output) expect(line).toMatch(/not a length of time I understand/);
  });
});

describe('console adapter: other lines', () => {
  it('ignores blank lines and # comments', async () => {
    await lines('', '   ', '# a comment', '  # indented comment');
    expect(output).toEqual([]);
    expect(trellis.handled).toEqual([]);
    expect(runDueCalls).toBe(0);
  });

  it('answers a line it does not understand with the list of lines it does', async () => {
    await lines('as ana', 'mentor help', 'hello there');
    expect(trellis.handled).toEqual([]);
    expect(output).toHaveLength(2);
    for (const line of output) expect(line).toMatch(/^Lines I understand: `as <name>`, `\/mentor <command>`, `press .*`submit .*`advance <duration>`/);
  });

  it('reads a stream line by line in order, then runs due work once the input ends', async () => {
    await console_.runStream(Readable.from(['as ana\n/mentor help\r\n', '# note\nas bo\n/mentor status']));
    expect(trellis.handled.map((h) => [h.actor.handle, h.invocation])).toEqual([
      ['ana', { kind: 'command', text: 'help' }],
      ['bo', { kind: 'command', text: 'status' }],
    ]);
    expect(runDueCalls).toBe(1);
  });
});
