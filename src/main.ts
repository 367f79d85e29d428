// `npm start`: the console adapter when no platform token is set, otherwise web + worker in one process.
import { failStartup, loadEnvOrExit } from './app/boot.js';
import { discordEnabled, slackEnabled } from './config/env.js';

const env = loadEnvOrExit();
try {
  if (!slackEnabled(env) && !discordEnabled(env)) {
    const { runConsole } = await import('./processes/console.js');
    await runConsole(env);
    process.exit(0);
  } else {
    await import('./processes/web.js');
    await import('./processes/worker.js');
  }
} catch (error) {
  failStartup(error);
}
