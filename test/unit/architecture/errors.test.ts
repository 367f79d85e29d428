import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asTrellisError, ERROR_CODES, TrellisError, UserError } from '../../../src/core/errors.js';

const SRC = join(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('errors', () => {
  it('have one closed set of codes, each listed once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('every error class in src extends the base error, never Error directly', () => {
    const offenders = sources(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w*Error)\b/g)]
        .filter(([, name, base]) => base === 'Error' && name !== 'TrellisError')
        .map(([, name]) => `${file.slice(SRC.length + 1)}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('carry their code, usage and argument, and wrap anything unknown as INTERNAL with its cause', () => {
    const error = new UserError('nope', { code: 'MISSING_ARGUMENT', usage: '/mentor x <y>', argument: 'y' });
    expect(error).toBeInstanceOf(TrellisError);
    expect([error.code, error.usage, error.argument]).toEqual(['MISSING_ARGUMENT', '/mentor x <y>', 'y']);
    const cause = new Error('boom');
    const wrapped = asTrellisError(cause);
    expect([wrapped.code, wrapped.cause, asTrellisError(error)]).toEqual(['INTERNAL', cause, error]);
  });
});
