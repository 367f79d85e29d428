// Prisma CLI configuration. Runtime queries go through @prisma/adapter-pg (src/store/db/prisma.ts);
// `prisma generate` needs no database. Migrations are applied by src/store/db/migrate.ts offline and
// by `prisma migrate deploy` in production — both read prisma/migrations.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/trellis' },
});
