// The floor: a bare BullMQ worker (one process, concurrency 16) that posts each job with
// @slack/web-api's WebClient to the same fake Slack, and nothing else — no Postgres, no claim, no
// facts, no limiter. What the engine delivers is compared with what this delivers in the same run.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { LogLevel, WebClient } from '@slack/web-api';

const env = (name: string) => process.env[name] ?? '';
const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const client = new WebClient('xoxb-bare', { slackApiUrl: env('FAKE_URL'), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, maxRequestConcurrency: 200 });
const worker = new Worker(
  'bare',
  async (job) => {
    const { key, channel } = job.data as { key: string; channel: string };
    await client.chat.postMessage({ channel, text: 'A nudge of about the same size as the real ones, sent by the bare floor worker.', metadata: { event_type: 'trellis_nudge', event_payload: { key, sentAt: Date.now() } } });
  },
  { connection: redis, prefix: env('PREFIX'), concurrency: Number(process.env.CONCURRENCY ?? 16), removeOnComplete: { count: 0 } },
);
process.on('SIGTERM', async () => {
  await worker.close();
  await redis.quit();
  process.exit(0);
});
await worker.waitUntilReady();
process.send?.('ready');
