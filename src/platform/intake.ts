// The platform's name from the domain, not contract.ts: the contract refers to these types.
import type { Platform as PlatformName } from '../core/domain.js';

/** One platform request as written down before its acknowledgement. */
export interface InboundRequest {
  /** The core's request id: `slack:<team>:<trigger_id>` or `discord:<interaction id>`. */
  id: string;
  platform: PlatformName;
  /** Slack team or Discord guild (or "dm"): only for operators reading the table. */
  workspace: string;
  /** The parsed request body, as the adapter will need it to run the request again. */
  payload: unknown;
  receivedAt: Date;
}

export interface ClaimedRequest extends InboundRequest {
  /** How many times it has been claimed, this claim included. */
  attempts: number;
}

export interface ClaimOptions {
  /** Only requests received before this (the grace period: the first process may still be at it). */
  receivedBefore: Date;
  now: Date;
  /** How long the claim keeps other replayers away. */
  leaseMs: number;
  limit: number;
  /** A request claimed this many times is given up (it failed each time). */
  maxAttempts: number;
}

/**
 * The durable intake (src/store/prisma/intake.ts): platform requests written down before the
 * web process acknowledges them, so an acknowledged request survives the process that took it.
 * A request is applied when the command's own transaction says so (with its RequestLog row),
 * and answered once the person has had the reply, whatever it was.
 */
export interface IntakeRecords {
  /**
   * Writes the request down; true when it is new, false when it was already written (a Slack
   * retry, a double submit). Concurrent calls share one INSERT (group commit).
   */
  record(request: InboundRequest): Promise<boolean>;
  /** The person has had the answer (or an apology): never replay it. Concurrent calls share one UPDATE. */
  answered(id: string, at: Date): Promise<void>;
  /**
   * Claims requests neither applied nor answered and not held, for one replayer (a lease;
   * conditional UPDATE). A request this process wrote down or claimed is held — its lease kept
   * ahead of the grace period — until it is answered or released, so a live process working
   * through a backlog is never overtaken by a replayer.
   */
  claim(options: ClaimOptions): Promise<ClaimedRequest[]>;
  /** This process gives up a request it held (its replay failed): another may claim it after the lease. */
  release(id: string): void;
  /** Deletes requests received before `before`; returns how many. */
  forgetBefore(before: Date): Promise<number>;
}

/**
 * The answer when a request cannot be written down (Postgres out of reach): it is not run, because
 * an acknowledged request must survive its web process, and the person is told plainly that
 * nothing was saved. Both adapters use these words.
 */
export const NOT_TAKEN = "Trellis couldn't take that just now, so nothing was saved. Please try again in a minute.";
