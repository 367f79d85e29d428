import { runAdapterContract } from '../../contract/adapter-contract.js';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';

// The shared contract through the real Discord path: Ed25519-signed interactions posted to the
// web app's /discord/interactions, replies read from the HTTP response and the fake Discord API.
runAdapterContract(() => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  return {
    name: 'discord',
    start: async () => {
      await app.start();
    },
    stop: () => app.stop(),
    command: (user, text) => driver.command(user, text),
    press: (user, action, value) => driver.press(user, action, value),
    submit: (user, formId, values, context) => driver.submit(user, formId, values, context),
    takeSent: () => driver.takeSent(),
  };
});
