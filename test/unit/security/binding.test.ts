import { describe, expect, it } from 'vitest';
import { createCipher, isBound } from '../../../src/security/crypto.js';

const cipher = createCipher(Buffer.alloc(32, 3));
const place = { table: 'Person', column: 'phoneEnc', rowId: 'p-1' };

describe('ciphertexts bound to their place (AES-GCM associated data)', () => {
  it('opens at the place it was sealed for', () => {
    const sealed = cipher.encrypt('+15550100199', place);
    expect(isBound(sealed)).toBe(true);
    expect(cipher.decrypt(sealed, place)).toBe('+15550100199');
  });

  it('refuses another row, column or table', () => {
    const sealed = cipher.encrypt('+15550100199', place);
    expect(() => cipher.decrypt(sealed, { ...place, rowId: 'p-2' })).toThrow();
    expect(() => cipher.decrypt(sealed, { ...place, column: 'firstNameEnc' })).toThrow();
    expect(() => cipher.decrypt(sealed, { ...place, table: 'PeerReferral' })).toThrow();
  });

  it('a bound place refuses an unbound value, and an unbound read refuses a bound one', () => {
    expect(() => cipher.decrypt(cipher.encrypt('old'), place)).toThrow(/not bound/);
    expect(() => cipher.decrypt(cipher.encrypt('new', place))).toThrow();
  });

  it('parts cannot be shifted between table, column and row to forge a match', () => {
    const sealed = cipher.encrypt('x', { table: 'A', column: 'bc', rowId: 'd' });
    expect(() => cipher.decrypt(sealed, { table: 'A', column: 'b', rowId: 'cd' })).toThrow();
  });
});
