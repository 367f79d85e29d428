// The durable intake through the real Slack adapter (signed requests, Bolt, our receiver): a
// command is written down before its ack, applied exactly once, and one whose web process died
// after the ack is replayed by a surviving one and answered where the person still is.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOT_TAKEN } from '../../../src/platform/intake.js';
import { pino } from 'pino';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { formReply, message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import { startReplayer, type Replayer } from '../../../src/app/replayer.js';
import { parseSlackBody } from '../../../src/adapters/slack/parse-body.js';
import { slackIntakeKey } from '../../../src/adapters/slack/intake.js';
import { FORM_NOT_OPENED } from '../../../src/adapters/slack/replies.js';
import { SlackTestApp } from './support/harness.js';
import { newTriggerId, slashCommand, type Who } from './support/payloads.js';

/** Records one audit row per run, so a test can count how often a command was applied. */
const tally: CommandSpec = {
  path: ['tally'],
  args: [{ name: 'tag', kind: 'text', required: true, description: 'what to count' }],
  requires: 'anyone',
  summary: 'counts',
  run: async (ctx, args) => {
    const tag = args.string('tag') ?? '';
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'test.tally', subjectType: 'tally', subjectId: tag, details: { secret: `private note ${tag}` } });
    return privateReply(message(`tallied ${tag}`));
  },
};
const openForm: CommandSpec = {
  path: ['open-form'],
  args: [],
  requires: 'anyone',
  summary: 'opens a form',
  run: async () => formReply({ id: 'note', title: 'Note', submitLabel: 'Save', inputs: [{ kind: 'text', id: 'text', label: 'Text' }] }),
};

describe('Slack durable intake', () => {
  const slack = new SlackTestApp({ modules: { commands: [...coreModules().commands, tally, openForm] }, intake: true });
  let replayer: Replayer;
  beforeAll(async () => {
    await slack.start();
    // A long grace period: only the requests these tests date back are replayed.
    replayer = startReplayer({ intake: slack.services.intake, platforms: [slack.adapter], logger: pino({ level: 'silent' }), afterMs: 30_000, everyMs: 3_600_000 });
  });
  afterAll(async () => {
    await replayer?.close();
    await slack.stop();
  });

  const tallies = (tag: string) => slack.services.prisma.auditEvent.count({ where: { subjectType: 'tally', subjectId: tag } });
  const rowOf = (id: string) => slack.services.prisma.inboundRequest.findUniqueOrThrow({ where: { id } });
  const uniqueTag = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

  /**
   * A web process that wrote a command down, acknowledged it, and died before the core ran: the
   * row as it left it, received a minute ago.
   */
  async function writtenDownThenCrashed(who: Who, text: string, responseUrl = slack.api.responseUrl()): Promise<string> {
    const raw = slashCommand(who, text, { responseUrl, triggerId: newTriggerId(1) });
    const parsed = parseSlackBody('application/x-www-form-urlencoded', raw);
    if (parsed.kind !== 'body') throw new Error('not a request');
    const key = slackIntakeKey(parsed.body)!;
    expect(await slack.services.intake.record({ id: key.id, platform: 'slack', workspace: key.workspace, payload: parsed.body, receivedAt: new Date(Date.now() - 60_000) })).toBe(true);
    // The process that wrote it is gone: nobody keeps its lease alive.
    slack.services.intake.release(key.id);
    return key.id;
  }

  /** Replays until the given rows are answered (other test files' rows may share a pass). */
  async function replayUntilAnswered(ids: string[], runs: Array<() => Promise<number>> = [replayer.runOnce]): Promise<void> {
    for (let pass = 0; pass < 10; pass++) {
      await Promise.all(runs.map((run) => run()));
      const open = await slack.services.prisma.inboundRequest.count({ where: { id: { in: ids }, answeredAt: null } });
      if (open === 0) return;
    }
    throw new Error('the requests were not replayed');
  }

  it('writes a command down (sealed) before its ack; its own transaction marks it applied, and it is marked answered', async () => {
    const tag = uniqueTag('plain');
    const posted = await slack.slash(slack.who('ana'), `tally ${tag}`);
    expect(posted.status).toBe(200);
    expect(String(posted.responses[0]?.body.text)).toBe(`tallied ${tag}`);
    const row = await slack.services.prisma.inboundRequest.findFirstOrThrow({ where: { platform: 'slack', workspace: slack.teamId, appliedAt: { not: null } }, orderBy: { receivedAt: 'desc' } });
    expect(row.answeredAt).not.toBeNull();
    expect(row.payloadEnc).not.toContain(tag);
    expect(await slack.services.prisma.requestLog.count({ where: { id: row.id } })).toBe(1);
    expect(await tallies(tag)).toBe(1);
  });

  it('refuses a command it cannot write down (Postgres out of reach): told plainly that nothing was saved, and not run', async () => {
    const tag = uniqueTag('unwritten');
    const record = vi.spyOn(slack.services.intake, 'record').mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    try {
      const posted = await slack.slash(slack.who('ana'), `tally ${tag}`);
      expect(posted.status).toBe(200);
      expect(JSON.parse(posted.text)).toEqual({ response_type: 'ephemeral', text: NOT_TAKEN });
      expect(posted.responses).toEqual([]);
      expect(await tallies(tag)).toBe(0);
    } finally {
      record.mockRestore();
    }
    // Once Postgres answers again, the same command goes through.
    const again = await slack.slash(slack.who('ana'), `tally ${tag}`);
    expect(String(again.responses[0]?.body.text)).toBe(`tallied ${tag}`);
    expect(await tallies(tag)).toBe(1);
  });

  it('replays a command acknowledged by a process that died before applying it, once, answering on its response_url', async () => {
    const tag = uniqueTag('crash');
    const responseUrl = slack.api.responseUrl();
    const id = await writtenDownThenCrashed(slack.who('ben'), `tally ${tag}`, responseUrl);
    await replayUntilAnswered([id]);
    await slack.idle();
    expect(await tallies(tag)).toBe(1);
    const row = await rowOf(id);
    expect(row.appliedAt).not.toBeNull();
    expect(row.answeredAt).not.toBeNull();
    const answers = slack.api.responses.filter((r) => responseUrl.endsWith(`/response/${r.id}`));
    expect(answers.map((a) => a.body.text)).toEqual([`tallied ${tag}`]);
    // Applied and answered: later passes leave it alone.
    await replayer.runOnce();
    expect(await tallies(tag)).toBe(1);
    expect(slack.api.responses.filter((r) => responseUrl.endsWith(`/response/${r.id}`))).toHaveLength(1);
  });

  it('a replay of a request already applied changes nothing and sends nothing', async () => {
    const tag = uniqueTag('applied');
    const responseUrl = slack.api.responseUrl();
    const who = slack.who('cy');
    const raw = slashCommand(who, `tally ${tag}`, { responseUrl, triggerId: newTriggerId(1) });
    await slack.post(raw, 'application/x-www-form-urlencoded');
    const parsed = parseSlackBody('application/x-www-form-urlencoded', raw);
    if (parsed.kind !== 'body') throw new Error('not a request');
    const { id } = slackIntakeKey(parsed.body)!;
    // As if the process died between the commit and the answer: never claimed (it was applied)…
    await slack.services.prisma.inboundRequest.update({ where: { id }, data: { answeredAt: null, receivedAt: new Date(Date.now() - 60_000) } });
    await replayer.runOnce();
    expect((await rowOf(id)).answeredAt).toBeNull();
    // …and even run again by hand, the core recognises it.
    await slack.adapter.replay!({ id, platform: 'slack', workspace: who.teamId, payload: parsed.body, receivedAt: new Date(), attempts: 1 });
    await slack.idle();
    expect(await tallies(tag)).toBe(1);
    expect(slack.api.responses.filter((r) => responseUrl.endsWith(`/response/${r.id}`))).toHaveLength(1);
  });

  it('answers a Slack retry (X-Slack-Retry-Num) and a double submit of one request once', async () => {
    const tag = uniqueTag('retry');
    const responseUrl = slack.api.responseUrl();
    const raw = slashCommand(slack.who('dee'), `tally ${tag}`, { responseUrl, triggerId: newTriggerId(1) });
    const [first, retry, again] = await Promise.all([
      slack.post(raw, 'application/x-www-form-urlencoded', { wait: false }),
      slack.post(raw, 'application/x-www-form-urlencoded', { wait: false, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
      slack.post(raw, 'application/x-www-form-urlencoded', { wait: false }),
    ]);
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await slack.idle();
    expect(await tallies(tag)).toBe(1);
    expect(slack.api.responses.filter((r) => responseUrl.endsWith(`/response/${r.id}`)).map((r) => r.body.text)).toEqual([`tallied ${tag}`]);
  });

  it('two replayers never run one request twice', async () => {
    const tags = Array.from({ length: 8 }, (_, i) => uniqueTag(`pair${i}`));
    const ids = await Promise.all(tags.map((tag) => writtenDownThenCrashed(slack.who('eli'), `tally ${tag}`)));
    const other = startReplayer({ intake: slack.services.intake, platforms: [slack.adapter], logger: pino({ level: 'silent' }), afterMs: 30_000, everyMs: 3_600_000 });
    try {
      await replayUntilAnswered(ids, [replayer.runOnce, other.runOnce]);
    } finally {
      await other.close();
    }
    await slack.idle();
    for (const tag of tags) expect(await tallies(tag)).toBe(1);
    const rows = await slack.services.prisma.inboundRequest.findMany({ where: { id: { in: ids } } });
    // Each claimed exactly once.
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
  });

  it('a replayed request that only opens a form says warmly that the form did not open, without trying Slack', async () => {
    const responseUrl = slack.api.responseUrl();
    const opens = slack.api.callsTo('views.open').length;
    const id = await writtenDownThenCrashed(slack.who('fay'), 'open-form', responseUrl);
    await replayUntilAnswered([id]);
    await slack.idle();
    expect(slack.api.callsTo('views.open')).toHaveLength(opens);
    const answers = slack.api.responses.filter((r) => responseUrl.endsWith(`/response/${r.id}`));
    expect(answers.map((a) => a.body.text)).toEqual([FORM_NOT_OPENED]);
    expect(answers[0]!.body).toMatchObject({ response_type: 'ephemeral' });
  });

  it('answers a replay by DM when its response_url no longer works', async () => {
    const tag = uniqueTag('dm');
    const who = slack.who('gus');
    const expired = `${slack.api.apiUrl.replace(/api\/$/, '')}expired/1`;
    const posts = slack.api.callsTo('chat.postMessage').length;
    const id = await writtenDownThenCrashed(who, `tally ${tag}`, expired);
    await replayUntilAnswered([id]);
    await slack.idle();
    expect(await tallies(tag)).toBe(1);
    const dms = slack.api.callsTo('chat.postMessage').slice(posts).filter((c) => String(c.args.text) === `tallied ${tag}`);
    expect(dms).toHaveLength(1);
  });
});
