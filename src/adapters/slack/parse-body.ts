import { z } from 'zod';
import { TrellisError } from '../../core/errors.js';

/** The least each kind of request must carry before Bolt sees it; anything else is a 400. */
const ZSlashCommand = z.looseObject({
  command: z.string().startsWith('/'),
  text: z.string().default(''),
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  response_url: z.url(),
  trigger_id: z.string().min(1),
});

const ZUser = z.looseObject({ id: z.string().min(1) });
const ZTeam = z.looseObject({ id: z.string().min(1) }).nullish();

const ZInteraction = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('block_actions'), user: ZUser, team: ZTeam, actions: z.array(z.looseObject({ action_id: z.string() })).min(1) }),
  z.looseObject({ type: z.literal('view_submission'), user: ZUser, team: ZTeam, view: z.looseObject({ callback_id: z.string(), state: z.looseObject({ values: z.record(z.string(), z.unknown()) }) }) }),
  z.looseObject({ type: z.literal('view_closed'), user: ZUser }),
  z.looseObject({ type: z.literal('shortcut'), user: ZUser }),
  z.looseObject({ type: z.literal('message_action'), user: ZUser }),
  z.looseObject({ type: z.literal('block_suggestion'), user: ZUser }),
]);

const ZEventEnvelope = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({ type: z.literal('event_callback'), event: z.looseObject({ type: z.string() }) }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

export type ParsedBody = { kind: 'url_verification'; challenge: string } | { kind: 'body'; body: Record<string, unknown> };

export class MalformedPayloadError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'MALFORMED_PAYLOAD', cause: options?.cause });
    this.name = 'MalformedPayloadError';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedPayloadError('body is not valid JSON', { cause: error });
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedPayloadError(`${what}: ${parsed.error.issues[0]?.path.join('.') || 'body'} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  return parsed.data;
}

/**
 * Slack sends slash commands as form fields, interactions as a form field `payload` holding JSON,
 * and Events API callbacks as JSON. Returns the body Bolt expects, or throws MalformedPayloadError.
 */
export function parseSlackBody(contentType: string | undefined, raw: string): ParsedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const envelope = check(ZEventEnvelope, parseJson(raw), 'event');
    if (envelope.type === 'url_verification') return { kind: 'url_verification', challenge: envelope.challenge };
    return { kind: 'body', body: envelope };
  }
  if (type !== 'application/x-www-form-urlencoded') throw new MalformedPayloadError(`unsupported content type "${type}"`);
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return { kind: 'body', body: check(ZInteraction, parseJson(payload), 'interaction') as Record<string, unknown> };
  return { kind: 'body', body: check(ZSlashCommand, Object.fromEntries(form), 'slash command') };
}
