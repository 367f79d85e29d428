// The fake Slack Web API in a process of its own, for bench:slack (answers users.info for anyone).
import { FakeSlackApi } from '../test/integration/slack/support/fake-slack-api.js';

const api = new FakeSlackApi({ anyUser: true, record: false });
await api.start();
process.stdout.write(`READY ${api.url}\n`);
process.on('SIGTERM', () => void api.stop().then(() => process.exit(0)));
