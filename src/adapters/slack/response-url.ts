// Answering on a slash command's or message button's response_url: no token, no Web API client,
// only an HTTPS POST per message part. The web process's core thread calls this right after the
// command (see src/app/core-thread.ts), so the main loop that acknowledges requests neither
// renders the answer nor sends it.
import type { Reply } from '../../core/messages/model.js';
import { TrellisError } from '../../core/errors.js';
import { LIMITS } from './limits.js';
import { renderMessages } from './render-blocks.js';

export class ResponseUrlError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'RESPONSE_URL_FAILED', cause: options?.cause });
    this.name = 'ResponseUrlError';
  }
}

/** Posts to a response_url (Slack's own retries are not needed: it is called once per part). */
export async function postToResponseUrl(url: string, body: object): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new ResponseUrlError(`response_url answered ${res.status}`);
}

/**
 * Answers with a reply that is only a message fitting the response_url's five uses; false (and
 * nothing sent) for anything else — a form, a longer reply — which the Slack adapter answers
 * itself. Throws when Slack refuses a post.
 */
export async function answerOnResponseUrl(reply: Reply, responseUrl: string): Promise<boolean> {
  if (reply.form || !reply.message) return false;
  const parts = renderMessages(reply.message);
  if (parts.length > LIMITS.responseUrlUses) return false;
  for (const part of parts) {
    await postToResponseUrl(responseUrl, { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks });
  }
  return true;
}
