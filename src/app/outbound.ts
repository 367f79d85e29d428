import type { Outbound } from '../core/messages/model.js';

/**
 * Where adapters hand the messages a command produced for other people and channels
 * (after the command's transaction has committed). Production enqueues them on the rate-limited
 * delivery queue (src/jobs); the console prints them; tests may deliver directly.
 *
 * `origin.id`, when given, names the request that produced them (a Slack trigger_id or
 * Discord interaction id): handing the same outcome over twice (a platform retry) then
 * delivers each message once. Without it, identical messages to the same audience within the
 * same minute are treated as one.
 */
export type OutboundSink = (items: Outbound[], origin?: { id: string }) => Promise<void>;
