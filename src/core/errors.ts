/** Base error: every failure carries a code. */
export class TrellisError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TrellisError';
  }
}

/**
 * A problem with what the person asked for. Its message is safe to show them, privately,
 * and `usage` (when set) reminds them of the right form. Anything else is logged and answered generically.
 */
export class UserError extends TrellisError {
  constructor(
    message: string,
    readonly usage?: string,
    code = 'BAD_INPUT',
  ) {
    super(code, message);
    this.name = 'UserError';
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;
