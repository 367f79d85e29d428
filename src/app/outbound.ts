import type { Outbound } from '../core/messages/model.js';

/**
 * Where adapters hand the messages a command produced for other people and channels
 * (after the command's transaction has committed). Production enqueues them on the rate-limited
 * delivery queue (src/jobs); the console prints them; tests may deliver directly.
 */
export type OutboundSink = (items: Outbound[]) => Promise<void>;
