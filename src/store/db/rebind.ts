// A one-off data step the release process runs after the SQL migrations: every encrypted value
// not yet bound to its place is sealed again with its table, column and row as associated data
// (src/store/prisma/sealed.ts). Two kinds of value need it: `v1.` ciphertexts written before
// binding existed, and `plain:` values a migration marked because SQL could not encrypt them
// (20261204140000_private_titles). Idempotent: it touches only such values, so running it again,
// or in two processes at once (each update checks the old value), changes nothing more.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Cipher } from '../../security/crypto.js';
import { SEALED_COLUMNS } from '../prisma/sealed.js';

const PAGE = 500;
const PLAIN = 'plain:';

type Place = (typeof SEALED_COLUMNS)[number];

/** The SQL expression of a place's value (a JSON member is read as text). Names come from the fixed list, never from input. */
const valueOf = (p: Place): string => ('json' in p ? `("${p.column}"->>'${p.json}')` : `"${p.column}"`);

function unbound(cipher: Cipher, value: string): string {
  return value.startsWith(PLAIN) ? value.slice(PLAIN.length) : cipher.decrypt(value);
}

async function rebindPlace(prisma: PrismaClient, cipher: Cipher, place: Place): Promise<number> {
  const value = valueOf(place);
  const select = `SELECT "${place.rowKey}" AS key, ${value} AS value FROM "${place.table}"
    WHERE ${value} LIKE 'v1.%' OR ${value} LIKE '${PLAIN}%' LIMIT ${PAGE}`;
  const set = 'json' in place ? `"${place.column}" = jsonb_set("${place.column}", '{${place.json}}', to_jsonb($1::text))` : `"${place.column}" = $1`;
  const update = `UPDATE "${place.table}" SET ${set} WHERE "${place.rowKey}" = $2 AND ${value} = $3`;
  let total = 0;
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<{ key: string; value: string }[]>(select);
    for (const row of rows) {
      const sealed = cipher.encrypt(unbound(cipher, row.value), { table: place.table, column: place.column, rowId: row.key });
      total += await prisma.$executeRawUnsafe(update, sealed, row.key, row.value);
    }
    if (rows.length < PAGE) return total;
  }
}

/** Seals every unbound value in place; returns how many were sealed, by `table.column`. */
export async function rebindCiphertexts(prisma: PrismaClient, cipher: Cipher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const place of SEALED_COLUMNS) {
    const count = await rebindPlace(prisma, cipher, place);
    if (count) counts[`${place.table}.${place.column}`] = count;
  }
  return counts;
}
