import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCipher, isEncryptionKey, parseKey, resolveEncryptionKey } from '../../../src/security/crypto.js';

const key = randomBytes(32);
const cipher = createCipher(key);

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('AES-256-GCM cipher', () => {
  it.each(['call went well, talked about boundaries', '', 'ünïcödé — 🌱 and "quotes"', 'x'.repeat(10_000)])('round-trips %#', (plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('does not contain the plain text', () => {
    expect(cipher.encrypt('phone 555-0100')).not.toContain('555-0100');
  });

  it('uses a fresh IV, so the same plain text seals differently each time', () => {
    const a = cipher.encrypt('same words');
    const b = cipher.encrypt('same words');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(Buffer.from(a.split('.')[1]!, 'base64url')).toHaveLength(12);
  });

  it('writes a versioned value: v1.<iv>.<tag>.<ciphertext>', () => {
    expect(cipher.encrypt('hello')).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
  });

  it.each([['IV', 1], ['tag', 2], ['ciphertext', 3]] as const)('detects tampering with the %s (part %s)', (_label, part) => {
    expect(() => cipher.decrypt(tamper(cipher.encrypt('private notes'), part))).toThrow();
  });

  it('refuses to decrypt with a different key', () => {
    const sealed = cipher.encrypt('private notes');
    expect(() => createCipher(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it.each(['', 'plain text', 'v2.a.b.c', 'v1.only-two'])('refuses a value that is not sealed: %j', (value) => {
    expect(() => cipher.decrypt(value)).toThrow();
  });
});

describe('encryption key parsing', () => {
  it('reads 64 hex characters as 32 bytes', () => {
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(key.toString('hex').toUpperCase())).toEqual(key);
  });

  it('reads base64 and base64url as 32 bytes', () => {
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(parseKey(key.toString('base64url'))).toEqual(key);
  });

  it.each([
    ['31 bytes of hex', 'ab'.repeat(31)],
    ['33 bytes of base64', Buffer.alloc(33, 2).toString('base64')],
    ['16 bytes of base64', Buffer.alloc(16, 2).toString('base64')],
    ['base64 with stray characters', `${Buffer.alloc(32, 2).toString('base64')}!?`],
    ['hex with a non-hex character', `${'ab'.repeat(31)}zz`],
    ['nothing', ''],
  ])('refuses %s', (_label, text) => {
    expect(isEncryptionKey(text)).toBe(false);
    expect(() => parseKey(text)).toThrow(/32 bytes/);
  });
});

describe('development key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempKeyPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-key-'));
    dirs.push(dir);
    return join(dir, 'nested', 'dev-encryption-key');
  };

  it('is generated once into the given path, with a warning, and reused on the next start', () => {
    const path = tempKeyPath();
    const warnings: string[] = [];
    const first = resolveEncryptionKey(undefined, path, (m) => warnings.push(m));
    const onDisk = readFileSync(path, 'utf8');
    const second = resolveEncryptionKey(undefined, path, (m) => warnings.push(m));
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect(readFileSync(path, 'utf8')).toBe(onDisk);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/TRELLIS_ENCRYPTION_KEY is not set/);
    expect(warnings[0]).toContain(path);
  });

  it('is readable only by its owner', () => {
    const path = tempKeyPath();
    resolveEncryptionKey(undefined, path, () => undefined);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('keeps data sealed under it readable after a restart', () => {
    const path = tempKeyPath();
    const sealed = createCipher(resolveEncryptionKey(undefined, path, () => undefined)).encrypt('journal entry');
    expect(createCipher(resolveEncryptionKey(undefined, path, () => undefined)).decrypt(sealed)).toBe('journal entry');
  });

  it('is not used, and nothing is written or warned, when a key is configured', () => {
    const path = tempKeyPath();
    const warnings: string[] = [];
    expect(resolveEncryptionKey(key.toString('hex'), path, (m) => warnings.push(m))).toEqual(key);
    expect(warnings).toEqual([]);
    expect(() => statSync(path)).toThrow();
  });
});
