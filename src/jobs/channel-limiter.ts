// Rate limits checked right before each send, in Redis, shared by every worker.
//
// BullMQ's open-source limiter is per queue and counts jobs as they *start* in fixed windows, so
// finished sends can still bunch (two windows' worth in one second), and it has no per-channel
// keys (that is BullMQ Pro's "groups"). So each delivery asks this limiter for every rule that
// applies to it — its channel, its workspace, the platform as a whole — and a Lua script checks a
// sliding log per key atomically. If one rule is full, nothing is counted and the answer is how
// long to wait; the job then waits in BullMQ's delayed set.
//
// What a send occupies in the log is the whole stretch in which the platform may see it: from the
// grant (before the request leaves) until the sender hears the answer (after the platform received
// it). While the request is in flight its entry counts as "still going"; when the answer comes,
// `done` stamps the entry with that moment, and it counts for one more window from there. A new
// grant is refused while `max` entries end less than a window ago or are still going. So whatever
// stalls the sender's event loop or delays the request on its way, no window of `windowMs` sees
// more than `max` sends — as sent, and as received (an arrival lies between grant and answer).
// Counting only grants (our first version) let 56 leave, and the platform receive 48, in one
// second against a cap of 45 on a busy host; a grant that expired and windows widened by its
// lifetime (the second) held the sending side but not the receiving one.
//
// A 429 from the platform blocks the whole workspace (and the channel) for its Retry-After: the
// platforms count per workspace as well as per channel, and the next channel of the same
// workspace would meet the same 429.
//
// Time is Redis' own clock (one clock for every worker host), or an injected one (tests).
import type { Cluster, Redis } from 'ioredis';
import type { RateRule } from './config.js';

/**
 * How long an entry counts as "still going" without an answer: longer than any platform call
 * (the SDKs give up after ~30 s). A sender that dies mid-request leaves an entry that ends then.
 */
export const IN_FLIGHT_MS = 60_000;

// ARGV: now (or -1: Redis' TIME), rule count, then per rule: max, window, member.
// KEYS: the rules' logs, then the block keys. Scores are when an entry ends (now + IN_FLIGHT_MS
// while in flight). Returns 0 (granted, counted in every log) or the ms to wait.
const LIMIT_SCRIPT = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local rules = tonumber(ARGV[2])
local wait = 0
for i = rules + 1, #KEYS do
  local untilMs = tonumber(redis.call('GET', KEYS[i]) or '0')
  if untilMs - now > wait then wait = untilMs - now end
end
for i = 1, rules do
  local max, window = tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  if redis.call('ZCARD', KEYS[i]) >= max then
    local oldest = tonumber(redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')[2])
    -- The oldest entry is still in flight: ask again a window from now (it will have ended by then).
    local w = oldest > now and window or oldest + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return math.ceil(wait) end
for i = 1, rules do
  redis.call('ZADD', KEYS[i], now + ${IN_FLIGHT_MS}, ARGV[3 * i + 2])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3 * i + 1]) + ${IN_FLIGHT_MS})
end
return 0
`;

// ARGV: now (or -1), member. The answer came: the entry ends now (only entries still present).
const DONE_SCRIPT = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
for i, key in ipairs(KEYS) do redis.call('ZADD', key, 'XX', now, ARGV[2]) end
return 0
`;

// ARGV: now (or -1), ms. Blocks until now + ms; a longer block already in place stays.
const BLOCK_SCRIPT = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local untilMs = now + tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') < untilMs then redis.call('SET', key, untilMs, 'PX', ARGV[2]) end
end
return 0
`;

type ScriptCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

export interface LimitKey {
  key: string;
  rule: RateRule | undefined;
}

export interface Grant {
  /** 0 when the message may go now (and it is counted against every rule), else ms to wait. */
  wait: number;
  /** The platform answered (or the request failed): the send counts for one window from now. */
  done(): Promise<void>;
}

export interface ChannelLimiter {
  /** Counts one send against every rule, unless one of them (or a block) says wait. */
  acquire(limits: LimitKey[], blocks: string[], id: string): Promise<Grant>;
  /** The platform said Retry-After: nothing more goes through these block keys until it has passed. */
  block(keys: string[], ms: number): Promise<void>;
}

export interface LimiterOptions {
  /** The limiter's clock in ms; by default Redis' own (the same for every worker host). */
  now?: () => number;
}

const NOTHING: Grant = { wait: 0, done: async () => undefined };

export function createChannelLimiter(redis: Redis | Cluster, prefix: string, options: LimiterOptions = {}): ChannelLimiter {
  if (!('trellisLimit3' in redis)) redis.defineCommand('trellisLimit3', { lua: LIMIT_SCRIPT });
  if (!('trellisDone' in redis)) redis.defineCommand('trellisDone', { lua: DONE_SCRIPT });
  if (!('trellisBlock' in redis)) redis.defineCommand('trellisBlock', { lua: BLOCK_SCRIPT });
  const commands = redis as unknown as Record<'trellisLimit3' | 'trellisDone' | 'trellisBlock', ScriptCommand>;
  const now = () => (options.now ? Math.round(options.now()) : -1);
  // The prefix carries the queue's hash tag, so these keys live in that queue's Cluster slot.
  const keyOf = (key: string) => `${prefix}:limit:${key}`;
  const blockOf = (key: string) => `${prefix}:block:${key}`;
  return {
    async acquire(limits, blocks, id) {
      const active = limits.filter((l): l is { key: string; rule: RateRule } => l.rule !== undefined);
      const keys = [...active.map((l) => keyOf(l.key)), ...blocks.map(blockOf)];
      if (!keys.length) return NOTHING;
      const member = `${id}:${Math.random().toString(36).slice(2)}`;
      const ruleKeys = keys.slice(0, active.length);
      const args = active.flatMap((l) => [l.rule.max, l.rule.windowMs, member]);
      const wait = Number(await commands.trellisLimit3(keys.length, ...keys, now(), active.length, ...args));
      const counted = wait === 0 && ruleKeys.length > 0;
      return {
        wait,
        done: async () => {
          if (counted) await commands.trellisDone(ruleKeys.length, ...ruleKeys, now(), member);
        },
      };
    },
    async block(keys, ms) {
      if (ms <= 0 || !keys.length) return;
      await commands.trellisBlock(keys.length, ...keys.map(blockOf), now(), Math.ceil(ms));
    },
  };
}
