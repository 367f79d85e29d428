import { ConfigError, loadEnv, type Env } from '../config/env.js';

/** Reads the environment; a bad value prints one clear line and exits 1 — never a stack trace. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Start-up failures (database down, migration failed) get one line too, with the cause. */
export function failStartup(error: unknown): never {
  const cause = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Trellis could not start: ${cause}\n`);
  process.exit(1);
}
