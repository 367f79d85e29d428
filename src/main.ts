// `npm start`: the console adapter when no platform token is set; otherwise web and worker in one
// process, sharing one set of services and platforms, with one ordered shutdown.
import { failStartup, loadEnvOrExit } from './app/boot.js';
import { discordEnabled, slackEnabled } from './config/env.js';

const env = loadEnvOrExit();
try {
  if (!slackEnabled(env) && !discordEnabled(env)) {
    const { runConsole } = await import('./processes/console.js');
    await runConsole(env);
    process.exit(0);
  } else {
    const { startAll } = await import('./processes/start-all.js');
    await startAll(env);
  }
} catch (error) {
  failStartup(error);
}
