// Release step (Procfile `release:`): create the database if needed and apply pending migrations.
import { loadEnvOrExit, failStartup } from '../app/boot.js';
import { ensureDatabase } from '../store/db/database.js';
import { migrate } from '../store/db/migrate.js';

const env = loadEnvOrExit();
try {
  await ensureDatabase(env.DATABASE_URL);
  const applied = await migrate(env.DATABASE_URL);
  process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database is up to date.\n');
} catch (error) {
  failStartup(error);
}
