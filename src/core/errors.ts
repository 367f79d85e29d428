/**
 * Every failure Trellis names carries one code from this closed set (bolt-js keeps an
 * `ErrorCode` enum the same way): tests and logs match on codes, never on wording.
 */
export const ERROR_CODES = [
  // Arguments, as the command declaration checks them (the router).
  'MISSING_ARGUMENT', 'INVALID_ARGUMENT', 'UNEXPECTED_ARGUMENT', 'UNCLOSED_QUOTE',
  // Who may do what.
  'FORBIDDEN', 'NOT_COORDINATOR', 'NOT_ENROLLED', 'AMBIGUOUS_PROGRAM', 'UNKNOWN_PROGRAM', 'UNKNOWN_PERSON', 'NOT_ELIGIBLE',
  // Input that parses but does not make sense.
  'BAD_DATE', 'BAD_DAY', 'BAD_TIME', 'BAD_DURATION', 'BAD_CODE', 'BAD_COHORT_NAME',
  'BAD_KIND', 'BAD_PHONE', 'BAD_NAME', 'FUTURE_DATE', 'BEFORE_START',
  'TOO_LONG', 'ANSWER_TOO_LONG', 'EMPTY', 'EMPTY_ANSWER', 'INCOMPLETE', 'AMBIGUOUS', 'AMBIGUOUS_MEETING', 'CHOOSE_PERSON', 'NOT_YOUR_MATCH',
  // Certification: a contract that is not action-outcome statements; a module or statement that isn't there.
  'NOT_ACTION_OUTCOME', 'UNKNOWN_MODULE', 'UNKNOWN_STATEMENT',
  // State that forbids it now.
  'ALREADY_ENROLLED', 'ALREADY_MATCHED', 'ALREADY_PAUSED', 'ALREADY_SCHEDULED', 'ALREADY_SHARED', 'ALREADY_SIGNED', 'ALREADY_ENDED',
  'ALREADY_MEMBER', 'DUPLICATE', 'LOCKED', 'VERIFIED', 'NOT_PAUSED', 'NOT_SHARED', 'NOT_YET', 'PAUSED', 'SELF_MATCH', 'COHORT_EXISTS',
  'MEETING_CANCELLED', 'MEETING_NOT_HELD', 'MEETING_STARTED', 'PAST_MEETING', 'FORM_EXPIRED', 'ACTION_EXPIRED',
  // Things that are not there.
  'NOT_FOUND', 'NOT_MEMBER', 'NO_CERTIFICATION', 'NO_CHANNEL', 'NO_COHORT_PHASE', 'NO_CONSENT', 'NO_EVALUATIONS', 'NO_MATCH',
  'NO_MENTOR', 'NO_PROMPT', 'NO_RELEASE', 'NO_REFERRAL', 'NO_REFERRALS', 'MISSING_COHORT', 'UNKNOWN_COHORT', 'UNKNOWN_ENTRY', 'UNKNOWN_MEETING',
  'UNKNOWN_TEMPLATE', 'NO_SESSIONS', 'UNKNOWN_SESSION',
  // Outside the core: configuration, templates, migrations, platforms, delivery.
  'CONFIG_INVALID', 'TEMPLATE_INVALID', 'MIGRATION_FAILED', 'MALFORMED_PAYLOAD', 'FORM_TOO_LARGE', 'RESPONSE_URL_FAILED',
  'INSTALLATION_NOT_FOUND', 'DELIVERY_RETRYABLE', 'DELIVERY_FAILED', 'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface TrellisErrorOptions {
  code: ErrorCode;
  cause?: unknown;
}

/** Base error: every failure Trellis raises on purpose extends it and carries a code. */
export class TrellisError extends Error {
  readonly code: ErrorCode;
  constructor(message: string, options: TrellisErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.name = 'TrellisError';
  }
}

export interface UserErrorOptions extends TrellisErrorOptions {
  /** The right form of the command, shown under the message. */
  usage?: string;
  /** The declared argument that is wrong, when there is one. */
  argument?: string;
}

/**
 * A problem with what the person asked for. Its message is safe to show them, privately,
 * and `usage` (when set) reminds them of the right form. Anything else is logged and answered generically.
 */
export class UserError extends TrellisError {
  readonly usage?: string;
  readonly argument?: string;
  constructor(message: string, options: UserErrorOptions) {
    super(message, options);
    this.usage = options.usage;
    this.argument = options.argument;
    this.name = 'UserError';
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** Wraps anything thrown into a TrellisError (bolt-js's `asCodedError`), keeping the original as `cause`. */
export function asTrellisError(error: unknown): TrellisError {
  if (error instanceof TrellisError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TrellisError(message, { code: 'INTERNAL', cause: error });
}
