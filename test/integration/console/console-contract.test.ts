import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdapterContract, type AdapterHarness, type ContractMessage, type ContractReply } from '../../contract/adapter-contract.js';
import { ConsoleSession } from '../../support/console-session.js';
import { pressLine, replyIndexes, submitLine, toReply, toSent, word } from './console-driver.js';

/**
 * The console as a contract harness: every call is typed into the console adapter
 * (createConsoleAdapter, wired as `npm start` wires it — same core, Postgres, outbox delivery)
 * and read back from what it printed. Nothing here calls the core.
 */
function consoleHarness(): AdapterHarness {
  let session: ConsoleSession;
  /** Printed chunks already handed out as replies. */
  const replies = new Set<number>();
  let sentFrom = 0;

  async function type(user: string, line: string): Promise<ContractReply> {
    const from = session.output.length;
    await session.run(`as ${word(user)}\n${line}\n`);
    const chunks = session.output.slice(from);
    const mine = replyIndexes(chunks, user.toLowerCase());
    for (const i of mine) replies.add(from + i);
    if (mine.length === 0) throw new Error(`The console printed no reply to ${JSON.stringify(line)}:\n${chunks.join('\n')}`);
    return toReply(mine.map((i) => chunks[i]!));
  }

  return {
    name: 'console',
    async start() {
      session = await ConsoleSession.start(new Date('2026-03-02T09:00:00Z'));
    },
    stop: () => session.close(),
    command: (user, text) => type(user, `/mentor ${text}`),
    press: (user, action, value) => type(user, pressLine(action, value)),
    submit: (user, formId, values, context) => type(user, submitLine(formId, values, context)),
    async takeSent() {
      const sent: ContractMessage[] = [];
      for (let i = sentFrom; i < session.output.length; i++) {
        const message = replies.has(i) ? undefined : toSent(session.output[i]!);
        if (message) sent.push(message);
      }
      sentFrom = session.output.length;
      return sent;
    },
  };
}

runAdapterContract(consoleHarness);

// The contract's checks read text and privacy; this makes sure the driver also reads the rest of
// what the console prints (buttons, forms, messages to others), so later contract checks can rely on it.
describe('the console contract driver', () => {
  const console_ = consoleHarness();
  beforeAll(() => console_.start());
  afterAll(() => console_.stop());

  it('reads buttons, a form, and the messages sent to others from the printed lines', async () => {
    expect((await console_.command('cora', 'admin program create cert certification-40-week')).text).toContain('Created');
    await console_.takeSent();

    const checkpoint = await console_.command('mo', 'join cert mentor');
    expect(checkpoint.private).toBe(true);
    const confirm = checkpoint.buttons.find((b) => b.action === 'join.confirm');
    expect(confirm).toMatchObject({ action: 'join.confirm', label: expect.any(String), value: expect.any(String) });

    const details = await console_.press('mo', confirm!.action, confirm!.value);
    expect(details.form).toMatchObject({ id: 'join-details', inputIds: expect.arrayContaining(['availability']) });

    const values = Object.fromEntries(details.form!.inputIds.map((id) => [id, id === 'availability' ? 'Mon 18:00-20:00, Thu' : 'family intervention']));
    const joined = await console_.submit('mo', details.form!.id, values, details.form!.context);
    expect(joined.private).toBe(true);
    expect(joined.text).toContain('Welcome to');
    expect(await console_.takeSent()).toEqual([{ to: 'dm:cora', text: expect.stringContaining('Mo joined') }]);
    expect(await console_.takeSent()).toEqual([]);
  });
});
