import { describe, expect, it } from 'vitest';
import { ConfigError, discordEnabled, loadEnv, slackEnabled } from '../../../src/config/env.js';

const HEX_KEY = 'a1'.repeat(32);
const PUBLIC_KEY = 'c0ffee'.repeat(10) + 'beef';

/** The one line a bad environment produces (loadEnv throws it; boot prints it). */
function failure(source: Record<string, string>): string {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('environment: production', () => {
  it('refuses to start without TRELLIS_ENCRYPTION_KEY, naming it, and starts with one', () => {
    expect(failure({ NODE_ENV: 'production' })).toMatch(/TRELLIS_ENCRYPTION_KEY.*required in production/);
    expect(failure({ NODE_ENV: 'production', TRELLIS_ENCRYPTION_KEY: ' ' })).toMatch(/TRELLIS_ENCRYPTION_KEY/);
    expect(loadEnv({ NODE_ENV: 'production', TRELLIS_ENCRYPTION_KEY: HEX_KEY, TRELLIS_PUBLIC_URL: 'https://trellis.example.org' }).TRELLIS_ENCRYPTION_KEY).toBe(HEX_KEY);
  });

  it('refuses to start without TRELLIS_PUBLIC_URL, since every link would point at localhost', () => {
    expect(failure({ NODE_ENV: 'production', TRELLIS_ENCRYPTION_KEY: HEX_KEY })).toMatch(/TRELLIS_PUBLIC_URL.*required in production/);
  });
});

describe('environment: TRELLIS_PUBLIC_URL', () => {
  it('defaults to this machine at PORT and drops a trailing slash', () => {
    expect(loadEnv({}).TRELLIS_PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadEnv({ PORT: '8080' }).TRELLIS_PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadEnv({ TRELLIS_PUBLIC_URL: 'https://trellis.example.org/app/' }).TRELLIS_PUBLIC_URL).toBe('https://trellis.example.org/app');
  });

  it('refuses anything that is not a plain http(s) address, naming the variable', () => {
    expect(failure({ TRELLIS_PUBLIC_URL: 'trellis.example.org' })).toMatch(/TRELLIS_PUBLIC_URL must be a URL/);
    expect(failure({ TRELLIS_PUBLIC_URL: 'ftp://trellis.example.org' })).toMatch(/TRELLIS_PUBLIC_URL/);
    expect(failure({ TRELLIS_PUBLIC_URL: 'https://trellis.example.org/?a=1' })).toMatch(/TRELLIS_PUBLIC_URL must be a plain address/);
  });
});

describe('environment: defaults', () => {
  it('uses the local trellis database, local Redis, port 3000 and info logs when nothing is set', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/trellis');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.TRELLIS_ENCRYPTION_KEY).toBeUndefined();
    expect(slackEnabled(env)).toBe(false);
    expect(discordEnabled(env)).toBe(false);
  });

  it('treats an empty variable (as copied from .env.example) as not set', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: ' ', SLACK_BOT_TOKEN: '', TRELLIS_ENCRYPTION_KEY: '' });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/trellis');
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(env.TRELLIS_ENCRYPTION_KEY).toBeUndefined();
  });
});

describe('environment: every variable of the design is read', () => {
  it('parses a full Slack single-workspace and Discord configuration', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://app:secret@db.internal:6543/trellis_prod',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-xyz',
      SLACK_API_URL: 'http://127.0.0.1:4010/api/',
      DISCORD_TOKEN: 'discord-bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_API_URL: 'http://127.0.0.1:4020/api',
      TRELLIS_ENCRYPTION_KEY: HEX_KEY,
    });
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://app:secret@db.internal:6543/trellis_prod',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      PORT: 8080,
      LOG_LEVEL: 'debug',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-xyz',
      SLACK_API_URL: 'http://127.0.0.1:4010/api/',
      DISCORD_TOKEN: 'discord-bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_API_URL: 'http://127.0.0.1:4020/api',
      TRELLIS_ENCRYPTION_KEY: HEX_KEY,
    });
    expect(slackEnabled(env)).toBe(true);
    expect(discordEnabled(env)).toBe(true);
  });

  it('parses the Slack OAuth trio as an install without a bot token', () => {
    const env = loadEnv({ SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret', SLACK_SIGNING_SECRET: 's' });
    expect(env).toMatchObject({ SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret' });
    expect(slackEnabled(env)).toBe(true);
  });

  it('accepts an encryption key written as base64 as well as hex', () => {
    const base64 = Buffer.alloc(32, 9).toString('base64');
    expect(loadEnv({ TRELLIS_ENCRYPTION_KEY: base64 }).TRELLIS_ENCRYPTION_KEY).toBe(base64);
  });

  it('lets Socket Mode stand in for the signing secret', () => {
    expect(slackEnabled(loadEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe(true);
  });
});

describe('environment: a bad value is one line naming the variable and what is wrong', () => {
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ['PORT that is not a number', { PORT: 'abc' }, 'PORT', /must be a number/],
    ['PORT out of range', { PORT: '70000' }, 'PORT', /between 1 and 65535/],
    ['PORT with a fraction', { PORT: '80.5' }, 'PORT', /whole number/],
    ['DATABASE_URL for another database', { DATABASE_URL: 'mysql://root@127.0.0.1/trellis' }, 'DATABASE_URL', /postgres(ql)?:\/\//],
    ['REDIS_URL that is not a URL', { REDIS_URL: 'nope' }, 'REDIS_URL', /redis:\/\//],
    ['SLACK_BOT_TOKEN that is not a bot token', { SLACK_BOT_TOKEN: 'abc', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN', /xoxb-/],
    ['SLACK_APP_TOKEN that is not an app token', { SLACK_APP_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN', /xapp-/],
    ['SLACK_API_URL that is not http', { SLACK_API_URL: 'ftp://example.com' }, 'SLACK_API_URL', /http/],
    ['a bot token without a way to verify requests', { SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET', /required/],
    ['DISCORD_PUBLIC_KEY too short', { DISCORD_PUBLIC_KEY: 'abcd1234' }, 'DISCORD_PUBLIC_KEY', /64 hex/],
    ['DISCORD_APPLICATION_ID that is not a snowflake', { DISCORD_APPLICATION_ID: '12ab' }, 'DISCORD_APPLICATION_ID', /snowflake/],
    ['DISCORD_TOKEN without an application id', { DISCORD_TOKEN: 'token' }, 'DISCORD_APPLICATION_ID', /required/],
    ['DISCORD_API_URL that is not a URL', { DISCORD_API_URL: 'discord' }, 'DISCORD_API_URL', /http/],
    ['TRELLIS_ENCRYPTION_KEY of 31 bytes', { TRELLIS_ENCRYPTION_KEY: 'ab'.repeat(31) }, 'TRELLIS_ENCRYPTION_KEY', /32 bytes/],
    ['TRELLIS_ENCRYPTION_KEY of 33 bytes in base64', { TRELLIS_ENCRYPTION_KEY: Buffer.alloc(33, 1).toString('base64') }, 'TRELLIS_ENCRYPTION_KEY', /32 bytes/],
    ['TRELLIS_ENCRYPTION_KEY with stray characters', { TRELLIS_ENCRYPTION_KEY: `${Buffer.alloc(32, 1).toString('base64')}!!` }, 'TRELLIS_ENCRYPTION_KEY', /32 bytes/],
    ['LOG_LEVEL that pino does not know', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of fatal, error, warn, info/],
    ['half the Slack OAuth trio (no state secret)', { SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_SIGNING_SECRET: 's' }, 'SLACK_STATE_SECRET', /missing/],
    ['TRELLIS_CONSOLE_TZ that is not a zone', { TRELLIS_CONSOLE_TZ: 'Mars/Olympus' }, 'TRELLIS_CONSOLE_TZ', /IANA time zone/],
    ['a lone Slack client secret', { SLACK_CLIENT_SECRET: '2', SLACK_SIGNING_SECRET: 's' }, 'SLACK_CLIENT_ID', /missing/],
  ];

  it.each(cases)('refuses %s', (_label, source, variable, what) => {
    const line = failure(source);
    expect(line).not.toContain('\n');
    expect(line).toMatch(new RegExp(`^Configuration error: ${variable} `));
    expect(line).toMatch(what);
  });

  it('never echoes the secret it refuses', () => {
    const line = failure({ TRELLIS_ENCRYPTION_KEY: 'not-a-key-but-still-secret' });
    expect(line).not.toContain('not-a-key-but-still-secret');
  });

  it('reports only the first of several bad values, still on one line', () => {
    const line = failure({ PORT: 'abc', REDIS_URL: 'nope', DISCORD_PUBLIC_KEY: 'x' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^Configuration error: (PORT|REDIS_URL|DISCORD_PUBLIC_KEY) /);
  });
});

describe('environment: Redis Cluster and queue shards', () => {
  it('reads REDIS_CLUSTER_NODES as host:port pairs and TRELLIS_QUEUE_SHARDS as a whole number, 1 by default', () => {
    const env = loadEnv({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b.internal:7001', TRELLIS_QUEUE_SHARDS: '6' });
    expect(env.REDIS_CLUSTER_NODES).toBe('10.0.0.1:7000, redis-b.internal:7001');
    expect(env.TRELLIS_QUEUE_SHARDS).toBe(6);
    expect(loadEnv({}).TRELLIS_QUEUE_SHARDS).toBe(1);
    expect(loadEnv({ REDIS_CLUSTER_NODES: '' }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it('refuses a cluster node list that is not host:port pairs, and a shard count out of range, naming the variable', () => {
    expect(failure({ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000' })).toMatch(/^Configuration error: REDIS_CLUSTER_NODES must be host:port pairs/);
    expect(failure({ TRELLIS_QUEUE_SHARDS: '0' })).toMatch(/^Configuration error: TRELLIS_QUEUE_SHARDS must be between 1 and 256/);
  });
});

describe('environment: operations', () => {
  it('takes METRICS_PORT as a port, and leaves it unset by default (a worker then serves no /metrics)', () => {
    expect(loadEnv({}).METRICS_PORT).toBeUndefined();
    expect(loadEnv({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
    expect(loadEnv({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(failure({ METRICS_PORT: 'metrics' })).toBe('Configuration error: METRICS_PORT must be a number');
    expect(failure({ METRICS_PORT: '70000' })).toBe('Configuration error: METRICS_PORT must be between 1 and 65535');
  });

  it('takes TRELLIS_ADMIN_TOKEN only when it is long enough to guess at no better than chance', () => {
    expect(loadEnv({}).TRELLIS_ADMIN_TOKEN).toBeUndefined();
    expect(loadEnv({ TRELLIS_ADMIN_TOKEN: 'f'.repeat(48) }).TRELLIS_ADMIN_TOKEN).toBe('f'.repeat(48));
    expect(failure({ TRELLIS_ADMIN_TOKEN: 'admin' })).toMatch(/^Configuration error: TRELLIS_ADMIN_TOKEN must be at least 24 characters \(generate one with: openssl rand -hex 24\)$/);
  });
});
