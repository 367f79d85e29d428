import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where a ciphertext lives. Sealed with a binding, a value opens only at that table, column and
 * row: someone who can write to the database cannot move a phone number onto another person's
 * row, or a journal entry into a call note, and have it read as theirs.
 */
export interface Binding {
  table: string;
  column: string;
  rowId: string;
}

/**
 * AES-256-GCM for private text (notes, reflections, survey answers, phone numbers).
 * Format: `v2.<iv>.<tag>.<ciphertext>` (base64url parts) when bound to its place (the binding is
 * the GCM associated data), `v1.…` when not: values written before binding existed, which the
 * release step re-seals (src/store/db/rebind.ts). A bound read refuses a `v1` value.
 */
export interface Cipher {
  encrypt(plain: string, binding?: Binding): string;
  decrypt(sealed: string, binding?: Binding): string;
}

/** The associated data of a binding; `\u0000` cannot occur in identifiers, so no two bindings collide. */
const aad = (b: Binding): Buffer => Buffer.from(['trellis', b.table, b.column, b.rowId].join('\u0000'), 'utf8');

/** True for a value sealed with a binding (`v2`). */
export const isBound = (sealed: string): boolean => sealed.startsWith('v2.');

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// Node's base64 decoder skips characters it does not know, so a garbled key could still decode
// to 32 bytes; only a clean 43/44-character base64 (or base64url) string is accepted.
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/;

export const isEncryptionKey = (text: string): boolean => HEX_KEY.test(text) || BASE64_KEY.test(text);

/** A 32-byte key written as 64 hex characters or as base64. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!isEncryptionKey(trimmed)) throw new Error('TRELLIS_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64');
  return HEX_KEY.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
}

export function createCipher(key: Buffer): Cipher {
  return {
    encrypt(plain, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (binding) cipher.setAAD(aad(binding));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [binding ? 'v2' : 'v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    decrypt(sealed, binding) {
      const [version, iv, tag, body] = sealed.split('.');
      if (!iv || !tag || body === undefined) throw new Error('unreadable encrypted value');
      // A bound place accepts only a value sealed for it; an unbound read only an unbound value.
      if (version !== (binding ? 'v2' : 'v1')) throw new Error(binding ? `value at ${binding.table}.${binding.column} is not bound to its row` : 'unreadable encrypted value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      if (binding) decipher.setAAD(aad(binding));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Without TRELLIS_ENCRYPTION_KEY (local development) a key is generated once and kept in
 * `.trellis/dev-encryption-key`, so data stays readable across restarts. Production must set the key.
 */
export function resolveEncryptionKey(
  configured: string | undefined,
  devKeyPath: string,
  warn: (message: string) => void,
): Buffer {
  if (configured) return parseKey(configured);
  if (!existsSync(devKeyPath)) {
    mkdirSync(dirname(devKeyPath), { recursive: true });
    writeFileSync(devKeyPath, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  warn(`TRELLIS_ENCRYPTION_KEY is not set: using the development key in ${devKeyPath}. Set it in production.`);
  return parseKey(readFileSync(devKeyPath, 'utf8').trim());
}
