import { z } from 'zod';
import { isTimeZone } from '../core/time/zones.js';
import { isEncryptionKey } from '../security/crypto.js';
import { TrellisError } from '../core/errors.js';

// Every variable of DESIGN.md "Interfaces". Optional platform variables decide which adapters run;
// with none set, `npm start` runs the console adapter.
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const optionalUrl = (protocols: string[]) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), url(protocols).optional());

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;
const OAUTH_TRIO = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(NODE_ENVS, `must be one of ${NODE_ENVS.join(', ')}`).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgresql://postgres@127.0.0.1:5432/trellis'),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    PORT: port.default(3000),
    /** A worker process serves its own GET /metrics (and /healthz) here; unset: it serves none. */
    METRICS_PORT: port.optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
    SLACK_API_URL: optionalUrl(['http:', 'https:']),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), 'must be a Discord snowflake (17–20 digits)'),
    DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), 'must be 64 hex characters (the application public key)'),
    DISCORD_API_URL: optionalUrl(['http:', 'https:']),
    TRELLIS_ENCRYPTION_KEY: optionalText.refine(
      (v) => v === undefined || isEncryptionKey(v),
      'must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32)',
    ),
    TRELLIS_QUEUE_PREFIX: z.string().trim().min(1, 'must not be empty').default('{trellis}'),
    /** Redis Cluster seed nodes, `host:port,host:port`; when set, REDIS_URL is not used for the queues. */
    REDIS_CLUSTER_NODES: optionalText.refine((v) => v === undefined || v.split(',').every((n) => HOST_PORT.test(n.trim())), 'must be host:port pairs separated by commas, e.g. 10.0.0.1:7000,10.0.0.2:7000'),
    /** Workspaces are spread over this many queue prefixes (one hash tag each): more Cluster masters carry more load. */
    TRELLIS_QUEUE_SHARDS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 256').max(256, 'must be between 1 and 256').default(1),
    /** The address people reach the web process at: every link Trellis hands out starts with it. */
    TRELLIS_PUBLIC_URL: optionalUrl(['http:', 'https:']).refine((v) => v === undefined || !URL.canParse(v) || (!new URL(v).search && !new URL(v).hash), 'must be a plain address without ?query or #fragment, e.g. https://trellis.example.org'),
    /** Turns on the queue dashboard at /admin/queues on the web process, behind this token. */
    TRELLIS_ADMIN_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 24, 'must be at least 24 characters (generate one with: openssl rand -hex 24)'),
    /**
     * A Slack or Discord request acknowledged but neither applied nor answered after this many
     * seconds (its web process died) is run again by a surviving web process (src/app/replayer.ts).
     */
    TRELLIS_REPLAY_AFTER_SECONDS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 600').max(600, 'must be between 1 and 600').default(20),
    /** Time zone given to people first seen at the console (default: this machine's zone). */
    TRELLIS_CONSOLE_TZ: optionalText.refine((v) => v === undefined || isTimeZone(v), 'must be an IANA time zone such as Europe/London'),
    /**
     * The rehearsal clock (chaos run, rehearsals): program time was FROM at real epoch ms SINCE and
     * runs RATE program ms per real ms. Every process given the same three agrees on program time.
     */
    TRELLIS_CLOCK_FROM: optionalText.refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))), 'must be an ISO instant such as 2026-03-02T00:00:00Z'),
    TRELLIS_CLOCK_SINCE: z.coerce.number({ message: 'must be a number' }).int('must be whole epoch milliseconds').positive('must be epoch milliseconds').optional(),
    TRELLIS_CLOCK_RATE: z.coerce.number({ message: 'must be a number' }).positive('must be more than 0').max(1_000_000, 'must be at most 1000000').optional(),
  })
  .superRefine((env, ctx) => {
    const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
    const missing = OAUTH_TRIO.find((_, i) => !oauth[i]);
    if (oauth.some(Boolean) && missing) {
      ctx.addIssue({ code: 'custom', path: [missing], message: `is missing: the Slack OAuth install needs ${OAUTH_TRIO.join(', ')} together` });
    }
    if ((env.SLACK_BOT_TOKEN || oauth.every(Boolean)) && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required to verify Slack requests (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when DISCORD_TOKEN is set' });
    }
    // A generated key beside the code would silently make production data unreadable on the next deploy.
    if (env.NODE_ENV === 'production' && !env.TRELLIS_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['TRELLIS_ENCRYPTION_KEY'], message: 'is required in production (NODE_ENV=production): generate one with `openssl rand -hex 32`' });
    }
    // The rehearsal clock is all three or none: two of them would leave program time undefined.
    const clockVars = [env.TRELLIS_CLOCK_FROM, env.TRELLIS_CLOCK_SINCE, env.TRELLIS_CLOCK_RATE];
    if (clockVars.some((v) => v !== undefined)) {
      const names = ['TRELLIS_CLOCK_FROM', 'TRELLIS_CLOCK_SINCE', 'TRELLIS_CLOCK_RATE'] as const;
      const missing = names.find((_, i) => clockVars[i] === undefined);
      if (missing) ctx.addIssue({ code: 'custom', path: [missing], message: `is missing: the rehearsal clock needs ${names.join(', ')} together` });
      // Real people must never get nudges on a rehearsal's time.
      if (env.NODE_ENV === 'production') ctx.addIssue({ code: 'custom', path: ['TRELLIS_CLOCK_FROM'], message: 'is for rehearsals only and is refused in production (NODE_ENV=production)' });
    }
    // Links to localhost in production would reach no one's calendar or browser.
    if (env.NODE_ENV === 'production' && !env.TRELLIS_PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['TRELLIS_PUBLIC_URL'], message: 'is required in production (NODE_ENV=production): the https:// address of the web process' });
    }
  })
  // Without an address (development, tests) links point at this machine's web process.
  .transform((env) => ({ ...env, TRELLIS_PUBLIC_URL: (env.TRELLIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '') }));

export type Env = z.infer<typeof ZEnv>;

export class ConfigError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'CONFIG_INVALID', cause: options?.cause });
    this.name = 'ConfigError';
  }
}

/** Parses the environment; a bad value throws one line naming the variable and what is wrong. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // `PORT=` (as copied from .env.example) means "not set", so the default applies.
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = ZEnv.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  throw new ConfigError(`Configuration error: ${name} ${issue.message}`);
}

export function slackEnabled(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID);
}

export function discordEnabled(env: Env): boolean {
  return Boolean(env.DISCORD_TOKEN || env.DISCORD_PUBLIC_KEY);
}
