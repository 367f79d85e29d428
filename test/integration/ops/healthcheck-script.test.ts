// The image's HEALTHCHECK script (scripts/healthcheck.mjs) against a local stand-in for the web
// process: healthy only on a 200 from /healthz.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../../scripts/healthcheck.mjs', import.meta.url).pathname;
let server: Server | undefined;

async function serve(status: number): Promise<{ port: number; paths: string[] }> {
  const paths: string[] = [];
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, paths };
}

function check(port: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { env: { ...process.env, PORT: String(port) } }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
  });
}

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('scripts/healthcheck.mjs', () => {
  it('exits 0 when /healthz on PORT answers 200', async () => {
    const { port, paths } = await serve(200);
    expect(await check(port)).toEqual({ code: 0, stderr: '' });
    expect(paths).toEqual(['/healthz']);
  });

  it('exits 1, saying why, when /healthz answers 503 (Postgres or Redis down)', async () => {
    const { port } = await serve(503);
    const result = await check(port);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/healthz answered 503/);
  });

  it('exits 1 when nothing listens', async () => {
    const { port } = await serve(200);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const result = await check(port);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreachable on port/);
  });
});
