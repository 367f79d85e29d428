import { TrellisError } from '../core/errors.js';

/**
 * A failed platform call. `retryable` errors (429, 5xx, network) are retried by the job layer,
 * after `retryAfterMs` when the platform said so; the others (unknown user, channel gone,
 * token revoked) are final.
 */
export class DeliveryError extends TrellisError {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, { code: retryable ? 'DELIVERY_RETRYABLE' : 'DELIVERY_FAILED', cause: options?.cause });
    this.name = 'DeliveryError';
  }
}
