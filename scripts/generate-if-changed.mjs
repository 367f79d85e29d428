// Runs `prisma generate` only when the generated client is missing or was built from another
// schema or Prisma version. `npm start` and the test scripts call it first: generating takes
// seconds (most of a warm start), checking a hash takes milliseconds.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stampPath = join(root, 'src/generated/prisma/.schema-hash');
const prismaVersion = createRequire(import.meta.url)('prisma/package.json').version;
const hash = createHash('sha256').update(prismaVersion).update(readFileSync(join(root, 'prisma/schema.prisma'))).digest('hex');

const current = existsSync(join(root, 'src/generated/prisma/client.ts')) && existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === hash;
if (!current || process.argv.includes('--force')) {
  try {
    execSync('npm run --silent generate', { cwd: root, stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(String(error.stderr ?? error));
    process.exit(1);
  }
  writeFileSync(stampPath, `${hash}\n`);
}
