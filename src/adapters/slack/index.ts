import { createDelivery } from '../../app/delivery.js';
import type { OutboundSink } from '../../app/outbound.js';
import type { PlatformRuntime } from '../../app/platforms.js';
import type { Services } from '../../app/services.js';
import { createSlackAdapter, type SlackAdapter } from './slack-adapter.js';

/**
 * Sends each message at once through whichever platforms are running; a failure is logged, not
 * retried. Used until a queue-backed sink is given (the delivery queue retries and rate-limits).
 */
export function deliverNow(services: Pick<Services, 'prisma' | 'logger'>, platforms: () => PlatformRuntime[]): OutboundSink {
  return async (items) => {
    const delivery = createDelivery(services.prisma, platforms());
    for (const item of items) {
      try {
        await delivery.send(item);
      } catch (error) {
        services.logger.error({ err: error, to: item.to.kind }, 'could not deliver a message');
      }
    }
  };
}

/** The Slack runtime for the web and worker processes (see src/app/platforms.ts). */
export function createSlackRuntime(services: Services, platforms: () => PlatformRuntime[], deliver?: OutboundSink): SlackAdapter {
  return createSlackAdapter({
    env: services.env,
    trellis: services.trellis,
    prisma: services.prisma,
    cipher: services.cipher,
    logger: services.logger,
    deliver: deliver ?? deliverNow(services, platforms),
  });
}

export { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps } from './slack-adapter.js';
