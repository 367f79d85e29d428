import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * AES-256-GCM for private text (notes, reflections, survey answers, phone numbers).
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the version prefix leaves room for key rotation.
 */
export interface Cipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('TRELLIS_ENCRYPTION_KEY must be 32 bytes');
  return key;
}

export function createCipher(key: Buffer): Cipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable encrypted value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
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
