import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { messageViolations, viewViolations } from './support/block-kit-validator.js';
import { blocksText, openedView, SlackTestApp } from './support/harness.js';

// Every /mentor subcommand the core lists today (and any added later), run bare through Slack:
// each must answer privately or open a valid modal, never fail. No adapter change is needed for new ones.
const slack = new SlackTestApp();
beforeAll(() => slack.start());
afterAll(() => slack.stop());

describe('every /mentor subcommand through Slack', () => {
  const paths = coreModules().commands.map((c) => c.path.join(' '));

  it('covers the commands the core lists', () => {
    expect(paths.length).toBeGreaterThan(5);
  });

  it.each(paths)('`/mentor %s` answers privately in valid Block Kit, or opens a valid modal', async (path) => {
    const posted = await slack.slash(slack.who('walker'), path);
    expect(posted.status).toBe(200);
    const view = openedView(posted);
    if (view) expect(viewViolations(view)).toEqual([]);
    else expect(posted.responses.length).toBeGreaterThan(0);
    for (const r of posted.responses) {
      expect(r.body.response_type).toBe('ephemeral');
      expect(messageViolations(r.body as { blocks: any[] })).toEqual([]);
      expect(blocksText(r.body.blocks)).not.toMatch(/Something went wrong/);
    }
  });
});
