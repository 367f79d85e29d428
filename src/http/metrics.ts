import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics (prom-client: the standard Node client, keeps process metrics for free). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commands: new Counter({ name: 'trellis_commands_total', help: 'Commands, actions and forms handled', labelNames: ['platform', 'kind'], registers: [registry] }),
    ackSeconds: new Histogram({ name: 'trellis_ack_seconds', help: 'Time to acknowledge a platform request', labelNames: ['platform'], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
