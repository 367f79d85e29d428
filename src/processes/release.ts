// Release step (Procfile `release:`): create the database if needed, apply pending migrations,
// then the data step that needs the encryption key (binding encrypted values to their rows).
import { loadEnvOrExit, failStartup } from '../app/boot.js';
import { createAppCipher } from '../app/services.js';
import { openDatabase } from '../store/open.js';

const env = loadEnvOrExit();
try {
  const db = await openDatabase(env.DATABASE_URL, createAppCipher(env, (m) => process.stderr.write(`${m}\n`)));
  await db.close();
  process.stdout.write(db.applied.length ? `Applied ${db.applied.length} migration(s): ${db.applied.join(', ')}\n` : 'Database is up to date.\n');
  const rebound = Object.entries(db.rebound);
  if (rebound.length) process.stdout.write(`Bound encrypted values to their rows: ${rebound.map(([place, n]) => `${place} ${n}`).join(', ')}\n`);
} catch (error) {
  failStartup(error);
}
