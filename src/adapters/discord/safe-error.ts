// What may be logged of a failed Discord call: its code, status, method and route — never the
// request body (a reply can hold someone's journal text or phone number) nor the URL as sent
// (interaction follow-ups carry the interaction token in their path).
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

/** `/webhooks/123/aW50ZXJh…/messages/@original` → `/webhooks/123/:token/messages/@original`. */
export function redactRoute(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split('?')[0]!;
  }
  return path.replace(/\/(webhooks|interactions)\/(\d+)\/[^/]+/g, '/$1/$2/:token');
}

export interface SafeError { name: string; code?: string | number; status?: number; method?: string; route?: string }

export function safeError(error: unknown): SafeError {
  if (error instanceof DiscordAPIError) return { name: 'DiscordAPIError', code: error.code, status: error.status, method: error.method, route: redactRoute(error.url) };
  if (error instanceof HTTPError) return { name: 'HTTPError', status: error.status, method: error.method, route: redactRoute(error.url) };
  if (error instanceof RateLimitError) return { name: 'RateLimitError', status: 429, method: error.method, route: redactRoute(error.route) };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // Our own errors carry a code from a closed set; anything else is named only by its class.
    return { name: error.name, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
  }
  return { name: typeof error };
}
