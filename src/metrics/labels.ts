// Every label value a Trellis metric may carry, as closed sets. Labels name what kind of thing
// happened, never to whom: no person, workspace, channel or text is ever a label value (a
// Prometheus label is kept for weeks, shown to every operator, and each new value is a new series).
// A value outside its set is counted as "other" rather than passed through.
import { NUDGE_KINDS } from '../core/nudges/index.js';
import type { Platform } from '../core/domain.js';
import { deliveryQueueName, MAINTENANCE_QUEUE } from '../jobs/config.js';
import { DELIVERY_OUTCOMES, RATE_LIMIT_REASONS } from '../jobs/metrics.js';

export const PLATFORMS = ['slack', 'discord', 'console'] as const satisfies readonly Platform[];
export const DEPENDENCIES = ['postgres', 'redis'] as const;
export const QUEUE_STATES = ['waiting', 'delayed', 'active'] as const;
/** TRELLIS_QUEUE_SHARDS is at most 256 (src/config/env.ts). */
const SHARDS = Array.from({ length: 256 }, (_, i) => String(i));

/** The allowed values of each label name used by the trellis_* metrics. */
export const LABEL_VALUES: Record<string, readonly string[]> = {
  platform: [...PLATFORMS, 'none', 'other'],
  kind: [...NUDGE_KINDS, 'other'],
  outcome: DELIVERY_OUTCOMES,
  reason: RATE_LIMIT_REASONS,
  queue: [...PLATFORMS.map(deliveryQueueName), MAINTENANCE_QUEUE, 'other'],
  shard: SHARDS,
  state: QUEUE_STATES,
  dependency: DEPENDENCIES,
};

/** `value` when it belongs to the label's set, else "other". */
export function closed(label: keyof typeof LABEL_VALUES, value: string): string {
  return LABEL_VALUES[label]!.includes(value) ? value : 'other';
}
