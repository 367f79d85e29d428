import { Gauge, type Registry } from 'prom-client';
import type { HealthReport } from '../http/health.js';
import { DEPENDENCIES } from './labels.js';

/**
 * trellis_dependency_up{dependency="postgres"|"redis"}: 1 when this process reached it on this
 * scrape (the same probe as /healthz, 2 s at most), else 0. Each process reports what it sees,
 * so a Redis that only some workers cannot reach shows up too.
 */
export function registerDependencyGauge(registry: Registry, health: () => Promise<HealthReport>): void {
  new Gauge({
    name: 'trellis_dependency_up',
    help: 'Whether this process reached the dependency on this scrape (1) or not (0)',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      const report = await health().catch(() => undefined);
      for (const dependency of DEPENDENCIES) this.set({ dependency }, report?.[dependency].ok ? 1 : 0);
    },
  });
}
