import { describe, expect, it } from 'vitest';
import { renderMessages } from '../../../src/adapters/slack/render-blocks.js';
import { renderMessage } from '../../../src/adapters/discord/render-message.js';
import { message } from '../../../src/core/messages/model.js';

describe('notification text', () => {
  it('Slack: `text` is escaped like the blocks, so a meeting titled <!channel> pings nobody', () => {
    const [part] = renderMessages(message('Reminder: <!channel> & <@U123> meet tomorrow'));
    expect(part!.text).toBe('Reminder: &lt;!channel&gt; &amp; &lt;@U123&gt; meet tomorrow');
    expect(JSON.stringify(part!.blocks)).not.toContain('<!channel>');
  });

  it('Slack: `text` is the neutral preview when the message has one; the words stay in the blocks', () => {
    const [part] = renderMessages({ ...message('Your mentee in Peer recovery mentorship agreed'), preview: 'You have a new message from Trellis.' });
    expect(part!.text).toBe('You have a new message from Trellis.');
    expect(JSON.stringify(part!.blocks)).toContain('Peer recovery mentorship');
  });

  it('Discord: content (what a push notification shows) is the preview alone; the message travels in an embed', () => {
    const [page] = renderMessage({ ...message('Your recovery mentor would like to end the match'), preview: 'You have a new message from Trellis.' });
    expect(page!.content).toBe('You have a new message from Trellis.');
    expect(JSON.stringify(page!.embeds)).toContain('recovery mentor');
    expect(page!.allowed_mentions).toEqual({ parse: [] });
  });
});
