/**
 * Slack request bodies built from the recorded fixtures in test/fixtures/slack: the shapes are
 * Slack's own; only ids, text and URLs are replaced.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../fixtures/slack/', import.meta.url);
export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;

/** One BODY line of slash-command.txt, by its section letter. */
export function slashFixture(section: 'A' | 'B' | 'C'): { body: string; headers: Record<'secret' | 'timestamp' | 'signature', string> } {
  const text = readFileSync(new URL('slash-command.txt', FIXTURES), 'utf8');
  const part = text.split('\n### ').find((s) => s.startsWith(`[${section}]`))!;
  const value = (prefix: string) => part.split('\n').find((l) => l.startsWith(prefix))?.slice(prefix.length).trim() ?? '';
  return { body: value('BODY:'), headers: { secret: value('SIGNING_SECRET:'), timestamp: value('X-Slack-Request-Timestamp:'), signature: value('X-Slack-Signature:') } as Record<'secret' | 'timestamp' | 'signature', string> };
}

/**
 * Like Slack's (`13345224609.738474920.8088930838d88f008e0`), unique per request: the core runs a
 * request id only once, so two requests in the same millisecond must not share one.
 */
export const newTriggerId = (kind: number) => `${Date.now()}.${kind}.${randomBytes(10).toString('hex')}`;

export interface Who {
  teamId: string;
  userId: string;
  userName: string;
}

/** A slash command, form-encoded exactly as Slack sends it (fixture [B]'s field set). */
export function slashCommand(who: Who, text: string, extra: { channelId?: string; responseUrl: string; triggerId?: string; command?: string }): string {
  const form = new URLSearchParams(slashFixture('B').body);
  form.set('team_id', who.teamId);
  form.set('team_domain', who.teamId.toLowerCase());
  form.set('user_id', who.userId);
  form.set('user_name', who.userName);
  form.set('channel_id', extra.channelId ?? 'C0COHORT');
  form.set('command', extra.command ?? '/mentor');
  form.set('text', text);
  form.set('response_url', extra.responseUrl);
  form.set('trigger_id', extra.triggerId ?? newTriggerId(1));
  form.delete('enterprise_id');
  form.delete('enterprise_name');
  return form.toString();
}

const asPayload = (body: object) => `payload=${encodeURIComponent(JSON.stringify(body))}`;

/** A button pressed in a message (`container.type: message`) or on App Home (`container.type: view`). */
export function blockAction(who: Who, action: { action_id: string; value: string; label?: string }, where: { home: true } | { responseUrl: string; channelId?: string; message?: object }): string {
  const base = 'home' in where ? fixture('block-actions-home-tab.json') : fixture('block-actions-message.json');
  const body = base as Record<string, any>;
  body.user = { ...body.user, id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId };
  body.team = { id: who.teamId, domain: who.teamId.toLowerCase() };
  body.trigger_id = newTriggerId(2);
  body.actions = [{ ...(base.actions as object[])[0], confirm: undefined, action_id: action.action_id, value: action.value, block_id: 'b1', type: 'button' }];
  if (!('home' in where)) {
    body.response_url = where.responseUrl;
    body.channel = { id: where.channelId ?? 'C0COHORT', name: 'cohort' };
    body.container = { ...body.container, channel_id: where.channelId ?? 'C0COHORT' };
    // The message the button was on, as Slack sends it with a press in a posted message.
    if (where.message) body.message = { ...body.message, ...where.message };
  }
  if (action.label) body.actions[0].text = { type: 'plain_text', text: action.label, emoji: true };
  return asPayload(body);
}

/** A modal submitted: the view we opened, with Slack's `state.values` filled in. */
export function viewSubmission(who: Who, view: Record<string, any>, values: Record<string, Record<string, unknown>>): string {
  const body = fixture('view-submission-bolt-python.json') as Record<string, any>;
  body.user = { ...body.user, id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId };
  body.team = { id: who.teamId, domain: who.teamId.toLowerCase(), enterprise_id: null, enterprise_name: null };
  body.trigger_id = newTriggerId(3);
  const state: Record<string, Record<string, unknown>> = {};
  for (const [blockId, value] of Object.entries(values)) state[blockId] = { [blockId]: value };
  body.view = { ...body.view, team_id: who.teamId, callback_id: view.callback_id, private_metadata: view.private_metadata ?? '', blocks: view.blocks, state: { values: state } };
  return asPayload(body);
}

/** Slack's state for one input, by the element we rendered. */
export function inputState(element: { type: string }, value: string): Record<string, unknown> {
  if (element.type === 'static_select') return { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } };
  if (element.type === 'datepicker') return { type: 'datepicker', selected_date: value };
  // Checkboxes and multi-selects: each ticked option (values given joined by commas), as the options were rendered.
  if (element.type === 'checkboxes' || element.type === 'multi_static_select') {
    const options = ((element as { options?: { value: string; text: unknown }[] }).options ?? []);
    const ticked = value.split(',').filter(Boolean).map((v) => options.find((o) => o.value === v) ?? { text: { type: 'plain_text', text: v }, value: v });
    return { type: element.type, selected_options: ticked };
  }
  return { type: 'plain_text_input', value };
}

export function appHomeOpened(who: Who): string {
  const body = fixture('app-home-opened-home-tab.json') as Record<string, any>;
  body.team_id = who.teamId;
  body.event = { ...body.event, user: who.userId, view: { ...body.event.view, team_id: who.teamId } };
  body.event_time = Math.floor(Date.now() / 1000);
  return JSON.stringify(body);
}

export function teamEvent(name: 'tokens-revoked.json' | 'app-uninstalled.json', teamId: string): string {
  const body = fixture(name) as Record<string, any>;
  body.team_id = teamId;
  return JSON.stringify(body);
}
