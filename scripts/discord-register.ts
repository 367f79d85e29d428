// `npm run discord:register [-- --guild <id>] [--dry-run]`: registers /mentor and /mentor-admin
// (the logic lives in src/adapters/discord/register.ts, where it is type-checked and tested).
import { runRegisterCli } from '../src/adapters/discord/register.js';

try {
  process.exitCode = await runRegisterCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`discord:register failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
