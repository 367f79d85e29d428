import { createConsoleAdapter, CONSOLE_WORKSPACE } from '../../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../../src/adapters/console/console-memory.js';
import type { Services } from '../../../src/app/services.js';
import type { Outbound, Outcome } from '../../../src/core/messages/model.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { runAdapterContract, type ContractMessage, type ContractReply } from '../../contract/adapter-contract.js';
import { uniqueName } from '../../support/db.js';
import { createTestServices } from '../../support/services.js';

// The console harness drives the same Trellis core the console adapter uses, in a workspace of its own.
runAdapterContract(() => {
  let services: Services;
  const sent: ContractMessage[] = [];
  const workspace = uniqueName('console');
  const clock = new ConsoleClock();

  const toReply = (outcome: Outcome): ContractReply => ({
    text: outcome.reply.message ? renderPlain(outcome.reply.message.blocks) : '',
    private: outcome.reply.visibility === 'private',
    buttons: (outcome.reply.message?.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.buttons : [])),
    form: outcome.reply.form && { id: outcome.reply.form.id, inputIds: outcome.reply.form.inputs.map((i) => i.id), context: outcome.reply.form.context },
  });
  const record = async (items: Outbound[]) => {
    for (const item of items) sent.push({ to: item.to.kind === 'person' ? `dm:${item.to.personId}` : `channel:${item.to.channelId}`, text: item.message.text });
  };
  const run = async (user: string, invocation: Parameters<Services['trellis']['handle']>[1]) => {
    const outcome = await services.trellis.handle(
      { ...CONSOLE_WORKSPACE, workspaceExternalId: workspace, externalUserId: user, handle: user, displayName: user, channelId: 'console' },
      invocation,
    );
    await record(outcome.outbound);
    return toReply(outcome);
  };

  return {
    name: 'console',
    async start() {
      services = await createTestServices(clock);
      // The adapter itself must construct with these services; lines are covered in console-adapter.test.ts.
      createConsoleAdapter({ trellis: services.trellis, clock, write: () => undefined, deliver: record, runDue: async () => undefined, memory: new ConsoleMemory() });
    },
    stop: () => services.close(),
    command: (user, text) => run(user, { kind: 'command', text }),
    press: (user, action, value) => run(user, { kind: 'action', action, value }),
    submit: (user, formId, values, context) => run(user, { kind: 'form', formId, values, context }),
    takeSent: async () => sent.splice(0),
  };
});
