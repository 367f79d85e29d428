// The floor for bench:slack: a bare Bolt app (its own HTTP receiver, signature checks on) that only acks.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  token: 'xoxb-bench-floor',
  // Known bot ids, so Bolt never calls auth.test; any call it makes goes to the fake API anyway.
  botId: 'BBENCH',
  botUserId: 'UBENCHBOT',
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  endpoints: '/slack/events',
});
app.command(/^\/.+/, async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
process.stdout.write('READY\n');
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
