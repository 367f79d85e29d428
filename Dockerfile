# Trellis's image: one image for the three processes of the Procfile (web, worker, release).
#   docker build -t trellis .
#   docker run --env-file .env -p 3000:3000 trellis                                  # web (the default)
#   docker run --env-file .env trellis node --import tsx src/processes/worker.ts      # a worker
#   docker run --env-file .env trellis node --import tsx src/processes/release.ts     # migrations, once per deploy
# docker-compose.yml runs all three with Postgres and Redis. test/unit/ops/dockerfile.test.ts
# checks this file's structure (no Docker engine runs in CI).

# ---- build: every dependency, the Prisma client generated, then dev dependencies pruned ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# The lockfile alone first, so a source change reuses the installed layer.
COPY package.json package-lock.json ./
# --ignore-scripts: no package's install script runs (none is needed: esbuild and msgpackr find
# their prebuilt platform packages at load time), and our own postinstall, which generates the
# client, would run before the schema is here; it runs explicitly below.
RUN npm ci --ignore-scripts
COPY prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/generate-if-changed.mjs ./scripts/
# The Prisma client (src/generated/prisma) and its schema-hash stamp, so nothing generates at start.
RUN node scripts/generate-if-changed.mjs --force
RUN npm prune --omit=dev --ignore-scripts

# ---- runtime: production dependencies, the source, the generated client; no compiler, no root ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json prisma.config.ts Procfile ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src ./src
COPY --from=build /app/src/generated ./src/generated
# The code stays root's and read-only to the app. Only .trellis/ (the development encryption key,
# used when TRELLIS_ENCRYPTION_KEY is unset outside production) is the app's to write.
RUN mkdir .trellis && chown node:node .trellis
# `node` (uid 1000) comes with the official Node images.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# Node itself is PID 1 (no npm, no shell in between), so SIGTERM reaches the process's own
# shutdown (src/app/shutdown.ts): `npm run` starts `sh -c`, and Debian's dash does not pass the
# signal on. tsx compiles the TypeScript as it loads, exactly as `npm run web` and the tests do.
CMD ["node", "--import", "tsx", "src/processes/web.ts"]
