// The final audit: what every fake platform received against what Postgres says was due and
// sent, and every acknowledged command against the row it should have written.
//
//   lost        a row marked sent that no platform received, or a row due by the cut-off (the end
//               of the faults minus a grace period) that still applies (planned, queued or
//               claimed) and was never sent
//   duplicated  a nudge a platform shows more than once (Discord: the same nonce posts once, as
//               the real API promises with enforce_nonce; Slack: part 0 of the same metadata key
//               twice, or —
//               when the sender puts no key on the message — more messages in a DM than rows sent)
//   unapplied   a command acknowledged with 200 whose CallLog row is absent
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PlatformFakes } from './fakes.js';
import type { SentCommand } from './load.js';

interface Row {
  key: string;
  status: string;
  platform: 'slack' | 'discord' | null;
  dueAt: Date;
  userExternalId: string | null;
}

export interface Audit {
  rows: number;
  dueByCutoff: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Rows marked sent that no platform received. */
  sentNotReceived: number;
  /** Rows due by the cut-off still open (never sent). */
  stuckOpen: number;
  lost: number;
  duplicated: number;
  /** Messages received for a row not marked sent (sent, then the mark was lost): a resend risk. */
  receivedNotMarked: number;
  received: { slack: number; discord: number };
  discordNonceRepeats: number;
  /** How Slack was counted: by the key on each message, or per DM when messages carry none. */
  slackCountedBy: 'key' | 'dm';
  commands: {
    sent: number; acked: number; applied: number; unapplied: number; appliedTwice: number; notAckedButApplied: number;
    /** Of the unapplied: told it went wrong (nothing changed), told it was logged, or never answered. */
    unappliedToldFailed: number; unappliedToldDone: number; unappliedUnanswered: number;
  };
  /** A few keys of each kind, for a first look. */
  examples: { lost: string[]; duplicated: string[]; unapplied: string[] };
}

/** The Discord adapter's nonce for page 0 of a key (src/adapters/discord/send.ts). */
const discordNonce = (key: string) => `${createHash('sha256').update(key).digest('hex').slice(0, 22)}0`;
const OPEN = new Set(['planned', 'queued', 'claimed']);

export async function audit(db: pg.Client, fakes: PlatformFakes, commands: SentCommand[], cutoff: Date): Promise<Audit> {
  const { rows } = await db.query<Row>(`SELECT "key", "status", "platform", "dueAt", "target"->>'userExternalId' AS "userExternalId" FROM "PlannedNudge"`);
  const examples = { lost: [] as string[], duplicated: [] as string[], unapplied: [] as string[] };
  const note = (list: string[], key: string) => void (list.length < 5 && list.push(key));
  let lost = 0;
  let duplicated = 0;
  let sentNotReceived = 0;
  let stuckOpen = 0;
  let receivedNotMarked = 0;

  // Discord: visible messages per nonce (page 0 of each message).
  const discordSeen = new Map<string, number>();
  for (const post of fakes.discord) if (post.nonce) discordSeen.set(post.nonce, (discordSeen.get(post.nonce) ?? 0) + 1);
  // Slack: per key when messages carry one, else per DM channel.
  const slackKeyed = fakes.slack.some((p) => p.key);
  const slackSeen = new Map<string, number>();
  for (const post of fakes.slack) {
    // One count per message: its first part (a long message goes out in several tagged parts).
    if (post.threaded || post.part !== 0) continue;
    const id = slackKeyed ? (post.key ?? `?${post.channel}`) : post.channel;
    slackSeen.set(id, (slackSeen.get(id) ?? 0) + 1);
  }
  const slackExpectedPerDm = new Map<string, number>();

  for (const row of rows) {
    const due = row.dueAt.getTime() <= cutoff.getTime();
    const isSent = row.status === 'sent';
    let received = 0;
    if (row.platform === 'discord') received = discordSeen.get(discordNonce(row.key)) ?? 0;
    if (row.platform === 'slack' && slackKeyed) received = slackSeen.get(row.key) ?? 0;
    if (row.platform === 'slack' && !slackKeyed) {
      if (isSent && row.userExternalId) slackExpectedPerDm.set(`D${row.userExternalId}`, (slackExpectedPerDm.get(`D${row.userExternalId}`) ?? 0) + 1);
      if (due && OPEN.has(row.status)) (stuckOpen++, lost++, note(examples.lost, row.key));
      continue;
    }
    if (isSent && received === 0) (sentNotReceived++, lost++, note(examples.lost, row.key));
    if (!isSent && received > 0) receivedNotMarked++;
    if (!isSent && received === 0 && due && OPEN.has(row.status)) (stuckOpen++, lost++, note(examples.lost, row.key));
    if (received > 1) {
      duplicated += received - 1;
      // When each copy arrived, and on which channel: a resend seconds later is a different fault from two at once.
      const copies = row.platform === 'slack' ? fakes.slack.filter((p) => p.key === row.key && p.part === 0).map((p) => `${p.channel}@${p.at}`) : [];
      note(examples.duplicated, copies.length ? `${row.key} (${copies.join(', ')})` : row.key);
    }
  }
  if (!slackKeyed) {
    const channels = new Set([...slackExpectedPerDm.keys(), ...slackSeen.keys()]);
    for (const channel of channels) {
      const expected = slackExpectedPerDm.get(channel) ?? 0;
      const got = slackSeen.get(channel) ?? 0;
      if (got > expected) (duplicated += got - expected, note(examples.duplicated, `slack ${channel}: ${got} received, ${expected} sent`));
      if (got < expected) (sentNotReceived += expected - got, lost += expected - got, note(examples.lost, `slack ${channel}: ${got} received, ${expected} sent`));
    }
  }

  // Commands: the CallLog rows by enrollment and minutes (unique per command by construction).
  const { rows: calls } = await db.query<{ enrollmentId: string; minutes: number; n: string }>(`SELECT "enrollmentId", "minutes", count(*) AS n FROM "CallLog" GROUP BY 1, 2`);
  const written = new Map(calls.map((c) => [`${c.enrollmentId}/${c.minutes}`, Number(c.n)]));
  const counts = { sent: commands.length, acked: 0, applied: 0, unapplied: 0, appliedTwice: 0, notAckedButApplied: 0, unappliedToldFailed: 0, unappliedToldDone: 0, unappliedUnanswered: 0 };
  for (const c of commands) {
    const n = written.get(`${c.participant.enrollmentId}/${c.minutes}`) ?? 0;
    if (c.acked) counts.acked++;
    if (n > 0) counts.applied++;
    if (n > 1) counts.appliedTwice++;
    if (c.acked && n === 0) {
      counts.unapplied++;
      const told = (fakes.repliesTo.get(c.replyId) ?? []).join(' / ');
      if (!told) counts.unappliedUnanswered++;
      else if (/went wrong|try again/i.test(told)) counts.unappliedToldFailed++;
      else counts.unappliedToldDone++;
      note(examples.unapplied, `${c.participant.platform} ${c.participant.personId} ${c.minutes}m: ${told ? `told "${told.slice(0, 80)}"` : 'no answer'}`);
    }
    if (!c.acked && n > 0) counts.notAckedButApplied++;
  }

  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    rows: rows.length,
    dueByCutoff: rows.filter((r) => r.dueAt.getTime() <= cutoff.getTime()).length,
    sent: count('sent'),
    skipped: count('skipped'),
    failed: count('failed'),
    sentNotReceived,
    stuckOpen,
    lost,
    duplicated,
    receivedNotMarked,
    received: { slack: fakes.slack.length, discord: fakes.discord.length },
    discordNonceRepeats: fakes.discordNonceRepeats,
    slackCountedBy: slackKeyed ? 'key' : 'dm',
    commands: counts,
    examples,
  };
}
