// The chaos run's participants, straight SQL: N people in the 40-week certification program,
// half in a Slack workspace and half in a Discord server, in active mentor–trainee pairs (so a
// logged supervision call tells the other side: an outbox message, audited like the nudges), all starting week 1 on the program's
// first day, spread over six time zones, half with their own nudge day and time and a third
// with quiet hours (so delivery checks move some nudges). DM channels are cached for Slack
// (steady state) and left to be opened on Discord (the first send opens each one).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { findTemplate } from '../src/core/programs/load-templates.js';

export const SLACK_TEAM = 'TCHAOS';
export const DISCORD_GUILD = '1400000000000000100';
export const DISCORD_APPLICATION = '1400000000000000001';
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney'];

export interface Participant {
  personId: string;
  enrollmentId: string;
  platform: 'slack' | 'discord';
  /** Slack user id or Discord user snowflake. */
  userId: string;
  role: 'mentee' | 'mentor';
  /** In an active match (all but the last n mod 4): may log supervision calls. */
  paired: boolean;
}

/**
 * Pairs stay on one platform: g (mentee) with g + 2 (mentor) for g ≡ 1, 2 (mod 4), so 1–3 and
 * 2–4 are pairs, then 5–7 and 6–8, and so on. The last n mod 4 people are unpaired trainees.
 */
const isMentor = (g: number) => (g - 1) % 4 >= 2;

/** Participant g (1-based): odd on Slack, even on Discord. Same rule as the SQL below. */
export function participant(g: number, n: number): Participant {
  const slack = g % 2 === 1;
  const role = isMentor(g) ? 'mentor' : 'mentee';
  return { personId: `c${g}`, enrollmentId: `ce${g}`, platform: slack ? 'slack' : 'discord', userId: slack ? `UC${g}` : String(1_300_000_000_000_000_000n + BigInt(g)), role, paired: g <= n - (n % 4) };
}

export async function seedParticipants(db: pg.Client, n: number, startDate: string): Promise<void> {
  const template = findTemplate('certification-40-week')!;
  const [slackWs, discordWs, slackProgram, discordProgram] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.query(`INSERT INTO "Workspace" ("id", "platform", "externalId", "name") VALUES ($1, 'slack', $2, 'Chaos Slack'), ($3, 'discord', $4, 'Chaos Discord')`, [slackWs, SLACK_TEAM, discordWs, DISCORD_GUILD]);
  const programSql = `INSERT INTO "Program" ("id", "workspaceId", "slug", "name", "templateId", "templateVersion", "template") VALUES ($1, $2, 'chaos', $3, $4, $5, $6)`;
  for (const [id, ws] of [[slackProgram, slackWs], [discordProgram, discordWs]]) await db.query(programSql, [id, ws, template.name, template.id, template.version, JSON.stringify(template)]);
  const zones = `ARRAY[${ZONES.map((z) => `'${z}'`).join(',')}]`;
  await db.query(`
    INSERT INTO "Person" ("id", "displayName", "timeZone", "nudgeWeekday", "nudgeMinute", "quietStartMinute", "quietEndMinute")
    SELECT 'c' || g, 'Chaos ' || g, (${zones})[1 + g % 6],
           CASE WHEN g % 4 < 2 THEN NULL ELSE 1 + (g::bigint * 7919 % 7)::int END,
           CASE WHEN g % 4 < 2 THEN NULL ELSE 480 + ((g::bigint * 104729) % 145)::int * 5 END,
           CASE WHEN g % 3 = 0 THEN 22 * 60 END, CASE WHEN g % 3 = 0 THEN 7 * 60 END
    FROM generate_series(1, $1::int) AS g`, [n]);
  await db.query(`
    INSERT INTO "Identity" ("id", "personId", "workspaceId", "externalUserId", "handle", "dmChannelId")
    SELECT 'ci' || g, 'c' || g,
           CASE WHEN g % 2 = 1 THEN $2 ELSE $3 END,
           CASE WHEN g % 2 = 1 THEN 'UC' || g ELSE (1300000000000000000 + g)::text END,
           'chaos' || g,
           CASE WHEN g % 2 = 1 THEN 'DUC' || g END
    FROM generate_series(1, $1::int) AS g`, [n, slackWs, discordWs]);
  await db.query(`
    INSERT INTO "Enrollment" ("id", "programId", "personId", "role", "status", "startDate")
    SELECT 'ce' || g, CASE WHEN g % 2 = 1 THEN $2 ELSE $3 END, 'c' || g,
           (CASE WHEN (g - 1) % 4 >= 2 AND g <= $1 - $1 % 4 THEN 'mentor' ELSE 'mentee' END)::"Role", 'active', $4
    FROM generate_series(1, $1::int) AS g`, [n, slackProgram, discordProgram, startDate]);
  await db.query(`
    INSERT INTO "Match" ("id", "programId", "mentorEnrollmentId", "menteeEnrollmentId", "status", "proposedAt", "activatedAt")
    SELECT 'cm' || g, CASE WHEN g % 2 = 1 THEN $2 ELSE $3 END, 'ce' || (g + 2), 'ce' || g, 'active', $4::timestamptz, $4::timestamptz
    FROM generate_series(1, $1::int - $1::int % 4) AS g WHERE (g - 1) % 4 < 2`, [n, slackProgram, discordProgram, `${startDate}T00:00:00Z`]);
}
