// A platform runtime that "sends" by POSTing to a local fake platform over loopback, so a child
// process can be killed in the middle of a send while the test watches from the other side.
import type { DeliveryTarget, PlatformRuntime, SendOptions } from '../../../../src/platform/contract.js';
import { DeliveryError } from '../../../../src/platform/delivery-error.js';
import type { Message } from '../../../../src/core/messages/model.js';

export function httpPlatform(url: string): PlatformRuntime {
  return {
    platform: 'slack',
    async send(target: DeliveryTarget, message: Message, options?: SendOptions) {
      const to = target.kind === 'dm' ? target.userExternalId : `#${target.channelId}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: options?.idempotencyKey, to, text: message.text }) });
      if (!response.ok) throw new DeliveryError(`fake platform answered ${response.status}`, true);
    },
    stop: async () => undefined,
  };
}
