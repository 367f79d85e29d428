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
  process.stderr.write(`Trellis could not start: ${describeError(error).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}

/** Node reports a refused dual-stack connect as an AggregateError with an empty message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join('; ');
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
