import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics (prom-client: the standard Node client, keeps process metrics for free). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commands: new Counter({ name: 'trellis_commands_total', help: 'Platform requests (commands, buttons, forms, events) answered, by outcome', labelNames: ['platform', 'outcome'], registers: [registry] }),
    ackSeconds: new Histogram({ name: 'trellis_ack_seconds', help: 'Time from a platform request arriving to its answer sent', labelNames: ['platform'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
