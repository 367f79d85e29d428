// The container image and docker-compose.yml, checked without a Docker engine (there is none in
// CI): the Dockerfile's stages, user, health check and start command; that what the runtime stage
// starts is what package.json starts; that nothing it loads is a dev dependency (pruned from the
// image); and that Compose runs web, worker and release from that image.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commandOf, composeServices, dockerfileStages, readRepoFile, type ComposeService, type Stage } from '../../support/container-files.js';

const pkg = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };
const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
const stages = dockerfileStages(readRepoFile('Dockerfile'));
const runtime = stages.at(-1)!;
const build = stages.find((s) => s.name === 'build');
const services = composeServices(readRepoFile('docker-compose.yml'));
const APP_SERVICES = ['web', 'worker', 'release'] as const;

const text = (cmd: string[]) => cmd.join(' ');
const runs = (stage: Stage, keyword: string) => stage.steps.filter((s) => s.keyword === keyword).map(commandOf);
const INSTALLS = /\bnpm\s+(install|i|ci|add)\b|\byarn\b|\bpnpm\b/;
const GENERATES = /\bgenerate\b/;

/** A package present after `npm prune --omit=dev`: in the lockfile and not marked as dev-only. */
const isProductionPackage = (name: string) => {
  const entry = lock.packages[`node_modules/${name}`];
  return Boolean(entry && !entry.dev && !entry.devOptional);
};
const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * What a start command runs, as the name of the package.json script that runs the same thing:
 * `npm run web` → web (a script that exists, and whose `pre` hook installs and generates nothing);
 * `node --import tsx src/processes/web.ts` → the script that is `tsx src/processes/web.ts`.
 */
function scriptRunBy(cmd: string[]): string {
  const npm = /^npm\s+(?:run(?:-script)?\s+(\S+)|(start))$/.exec(text(cmd));
  if (npm) {
    const name = npm[1] ?? npm[2]!;
    expect(pkg.scripts[name], `package.json has no script ${name}`).toBeDefined();
    for (const script of [pkg.scripts[name]!, pkg.scripts[`pre${name}`] ?? '']) {
      expect(script, `npm run ${name} installs or generates at start`).not.toMatch(INSTALLS);
      expect(script).not.toMatch(/generate/);
    }
    return name;
  }
  const node = /^node\s+--import[= ](\S+)\s+(\S+\.ts)$/.exec(text(cmd));
  expect(node, `${text(cmd)}: neither npm run <script> nor node --import tsx <file>`).not.toBeNull();
  const [, loader, file] = node!;
  expect(isProductionPackage(loader!), `${loader} is pruned from the image (not a production dependency)`).toBe(true);
  expect(existsSync(file!), `${file} does not exist`).toBe(true);
  const script = Object.entries(pkg.scripts).find(([, s]) => s === `tsx ${file}`)?.[0];
  expect(script, `no package.json script runs ${file}`).toBeDefined();
  return script!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers loaded at run time: `import type` and `export type` are erased by tsx. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest));
  return found;
}

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build, 'a stage named build').toBeDefined();
    expect(runtime.name).toBe('runtime');
    expect(`${runtime.image}:${runtime.tag}`).toMatch(/^node:20[.\d]*-\w+-slim$/);
  });

  it('installs with the lockfile and generates the Prisma client in the build stage, after the schema is copied', () => {
    const steps = build!.steps;
    const ci = steps.findIndex((s) => s.keyword === 'RUN' && /\bnpm ci\b/.test(s.args));
    const generate = steps.findIndex((s) => s.keyword === 'RUN' && /generate-if-changed\.mjs|prisma generate|npm run generate/.test(s.args));
    const schema = steps.findIndex((s) => s.keyword === 'COPY' && /^prisma\s/.test(s.args));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(schema).toBeGreaterThan(ci);
    expect(generate).toBeGreaterThan(schema);
    // Dev dependencies leave before node_modules is copied on.
    expect(steps.slice(generate).some((s) => s.keyword === 'RUN' && /npm prune --omit=dev/.test(s.args))).toBe(true);
  });

  it('gives the runtime stage production dependencies and the generated client from the build stage, and installs nothing itself', () => {
    const fromBuild = runtime.steps.filter((s) => s.keyword === 'COPY' && s.flags.from === build!.name).map((s) => s.args);
    expect(fromBuild.some((a) => /node_modules/.test(a))).toBe(true);
    expect(fromBuild.some((a) => /src\/generated/.test(a))).toBe(true);
    expect(runs(runtime, 'RUN').filter((c) => INSTALLS.test(text(c)) || GENERATES.test(text(c)))).toEqual([]);
    // The generated client's hash stamp comes with it, so `npm start`'s prestart check finds it current.
    expect(readRepoFile('scripts/generate-if-changed.mjs')).toContain("'src/generated/prisma/.schema-hash'");
  });

  it('runs as a user that is not root, set before the start command and never undone', () => {
    const users = runtime.steps.map((s, i) => ({ ...s, i })).filter((s) => s.keyword === 'USER');
    const start = runtime.steps.findIndex((s) => s.keyword === 'CMD');
    expect(users.length).toBeGreaterThan(0);
    const last = users.at(-1)!;
    expect(last.i).toBeLessThan(start);
    expect(last.args.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('lets that user write only the development key folder, which Compose keeps in a volume', () => {
    const user = runtime.steps.filter((s) => s.keyword === 'USER').at(-1)!.args;
    const workdir = runtime.steps.filter((s) => s.keyword === 'WORKDIR').at(-1)!.args;
    expect(runs(runtime, 'RUN').map(text).join('\n')).toMatch(new RegExp(`chown ${user}:${user} \\.trellis\\b`));
    for (const name of APP_SERVICES) expect(services[name]!.volumes).toContain(`trellis-key:${workdir}/.trellis`);
  });

  it('checks its health on /healthz, with a script the image contains', () => {
    const [check, ...more] = runs(runtime, 'HEALTHCHECK');
    expect(more).toEqual([]);
    expect(check![0]).toBe('node');
    const script = check![1]!;
    expect(runtime.steps.some((s) => s.keyword === 'COPY' && !s.flags.from && s.args.startsWith(`${script.split('/')[0]} `))).toBe(true);
    expect(readRepoFile(script)).toMatch(/\/healthz/);
  });

  it('starts with the web process, as package.json does, installing and generating nothing', () => {
    const starts = [...runs(runtime, 'ENTRYPOINT'), ...runs(runtime, 'CMD')];
    expect(starts).toHaveLength(1);
    expect(starts.filter((c) => INSTALLS.test(text(c)) || GENERATES.test(text(c)))).toEqual([]);
    expect(scriptRunBy(starts[0]!)).toBe('web');
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const secret of ['node_modules', '.env', '.trellis', 'src/generated', '.git']) expect(ignored).toContain(secret);
    const sources = stages.flatMap((s) => s.steps.filter((c) => c.keyword === 'COPY' && !c.flags.from).flatMap((c) => c.args.split(/\s+/).slice(0, -1)));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(source), `${source} is copied but does not exist`).toBe(true);
      expect(ignored.some((i) => source === i || source.startsWith(`${i}/`)), `${source} is copied but ignored`).toBe(false);
    }
  });

  it('loads at run time only packages that stay after the dev dependencies are pruned', () => {
    const offenders = sourceFiles('src').flatMap((file) =>
      runtimeImports(readRepoFile(file))
        .filter((spec) => !spec.startsWith('.') && !isBuiltin(spec))
        .map(packageName)
        .filter((name) => !isProductionPackage(name))
        .map((name) => `${file} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the checks themselves catch what they are for', () => {
    expect(runtimeImports("import { x } from 'vitest';\nimport type { Y } from 'madge';\nexport type { Z } from 'typescript';")).toEqual(['vitest']);
    expect(isProductionPackage('vitest')).toBe(false);
    expect(isProductionPackage('tsx')).toBe(true);
    expect(() => scriptRunBy(['npm', 'run', 'no-such-script'])).toThrow(/no script no-such-script/);
    expect(() => scriptRunBy(['npm', 'start'])).toThrow(/generate/);
    const bad = dockerfileStages('FROM node:20 AS build\nRUN npm ci\nFROM node:20\nUSER node\nUSER root\nCMD npm install && \\\n  npm run web\n');
    expect(bad).toHaveLength(2);
    expect(commandOf(bad[1]!.steps.at(-1)!)).toEqual(['/bin/sh', '-c', 'npm install &&   npm run web']);
  });
});

describe('docker-compose.yml', () => {
  const commandOfService = (s: ComposeService) => [s.entrypoint ?? [], s.command ?? []].map((c) => (Array.isArray(c) ? c.join(' ') : c)).join(' ').trim();

  it('runs web, worker and release from the image this Dockerfile builds', () => {
    const images = new Set(APP_SERVICES.map((name) => services[name]!.image));
    expect(images.size).toBe(1);
    for (const name of APP_SERVICES) {
      const { build: context, volumes = [] } = services[name]!;
      expect(typeof context === 'string' ? context : context?.context).toBe('.');
      expect(typeof context === 'object' ? context.dockerfile ?? 'Dockerfile' : 'Dockerfile').toBe('Dockerfile');
      // The image's own code, not this checkout mounted over it.
      expect(volumes.filter((v) => typeof v === 'string' && /^[.~/]/.test(v))).toEqual([]);
    }
  });

  it('starts each with its own package.json process, and nothing in any service installs', () => {
    for (const name of APP_SERVICES) expect(scriptRunBy(commandOfService(services[name]!).split(' '))).toBe(name);
    for (const [name, service] of Object.entries(services)) expect(commandOfService(service), name).not.toMatch(INSTALLS);
  });

  it('runs release once, after Postgres is healthy, and starts web and worker only after it succeeded', () => {
    const release = services.release!;
    expect(release.restart).toBe('no');
    expect(release.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    for (const name of ['web', 'worker']) {
      expect(services[name]!.depends_on, name).toMatchObject({
        release: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    for (const name of ['postgres', 'redis']) expect(services[name]!.healthcheck?.test, name).toBeDefined();
  });

  it('turns the image’s /healthz check off where no web server runs', () => {
    expect(services.web!.healthcheck?.disable).not.toBe(true);
    expect(services.worker!.healthcheck?.disable).toBe(true);
    expect(services.release!.healthcheck?.disable).toBe(true);
  });
});
