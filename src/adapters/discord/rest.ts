import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { DeliveryError } from '../../platform/delivery-error.js';

export interface RestOptions {
  /** DISCORD_API_URL: the REST base without the version (tests point it at a local fake). */
  apiUrl?: string;
  token?: string;
  /**
   * Rate limits shorter than this are waited out inside @discordjs/rest (which keeps the 50/s
   * global limit and the per-route buckets); longer ones fail as retryable DeliveryErrors so the
   * job layer retries later instead of holding a worker.
   */
  maxRateLimitWaitMs?: number;
}

/** @discordjs/rest, pointed at DISCORD_API_URL; 5xx and timeouts retried twice by the library. */
export function createRest(options: RestOptions): REST {
  const maxWait = options.maxRateLimitWaitMs ?? 10_000;
  const rest = new REST({
    version: '10',
    ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
    retries: 2,
    timeout: 10_000,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxWait || limit.timeToReset > maxWait,
  });
  if (options.token) rest.setToken(options.token);
  return rest;
}

const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|UND_ERR|fetch failed|aborted/i;

/**
 * Maps a REST failure to a DeliveryError. 401/403 (token revoked, missing access, DMs closed)
 * and other 4xx are final: retrying them only raises Discord's invalid-request count, which
 * leads to a temporary ban. 429 past the library's own waiting, 5xx and network failures are
 * retryable.
 */
export function toDeliveryError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError(`${what}: rate limited for ${error.retryAfter} ms`, true, Math.max(error.retryAfter, error.timeToReset), { cause: error });
  }
  if (error instanceof DiscordAPIError) {
    return new DeliveryError(`${what}: Discord answered ${error.status} (${error.code})`, error.status === 429 || error.status >= 500, undefined, { cause: error });
  }
  if (error instanceof HTTPError) return new DeliveryError(`${what}: Discord answered ${error.status}`, error.status >= 500 || error.status === 429, undefined, { cause: error });
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DeliveryError(`${what}: ${message}`, NETWORK.test(message) || (error instanceof Error && error.name === 'AbortError'), undefined, { cause: error });
}
