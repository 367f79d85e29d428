import { runAdapterContract, type ContractMessage, type ContractReply } from '../../contract/adapter-contract.js';
import { blocksText, coreButtons, openedView, SlackTestApp, type Posted } from './support/harness.js';

// The shared adapter contract, through signed Slack requests and the fake Web API.
runAdapterContract(() => {
  const slack = new SlackTestApp();
  let sentFrom = 0;

  const toReply = (posted: Posted): ContractReply => {
    if (posted.status !== 200) throw new Error(`Slack request answered ${posted.status}`);
    const view = openedView(posted);
    const messages = posted.responses.map((r) => r.body);
    const dms = posted.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args);
    const shown = [...messages, ...dms];
    return {
      text: shown.map((m) => blocksText(m.blocks)).join('\n'),
      private: messages.every((m) => m.response_type === 'ephemeral'),
      buttons: shown.flatMap((m) => coreButtons(m.blocks)),
      form: view && {
        id: String(view.callback_id).replace(/^trellis:/, ''),
        inputIds: (view.blocks as Array<{ block_id: string }>).map((b) => b.block_id),
        context: JSON.parse(String(view.private_metadata || '{}')).context,
      },
    };
  };

  return {
    name: 'slack',
    start: () => slack.start(),
    stop: () => slack.stop(),
    command: async (user, text) => toReply(await slack.slash(slack.who(user), text)),
    press: async (user, action, value) => toReply(await slack.press(slack.who(user), { action_id: `a:0:${action}`, value })),
    submit: async (user, formId, values, context) =>
      toReply(
        await slack.submit(
          slack.who(user),
          {
            callback_id: `trellis:${formId}`,
            private_metadata: JSON.stringify({ context }),
            blocks: Object.keys(values).map((id) => ({ type: 'input', block_id: id, element: { type: 'plain_text_input', action_id: id } })),
          },
          values,
        ),
      ),
    takeSent: async () => {
      const posts = slack.api.calls.slice(sentFrom).filter((c) => c.method === 'chat.postMessage');
      sentFrom = slack.api.calls.length;
      return posts.map((c): ContractMessage => {
        const channel = String(c.args.channel);
        return { to: channel.startsWith('D') ? `dm:${channel.slice(1)}` : `channel:${channel}`, text: String(c.args.text) };
      });
    },
  };
});
