// The container's HEALTHCHECK (Dockerfile): exits 0 when the web process on this machine answers
// GET /healthz with 200 (Postgres and Redis both reachable), 1 otherwise. Plain Node, no tsx, so a
// check every 30 s costs a bare `node` start. PORT is the web process's own variable.
const port = Number(process.env.PORT || 3000);
try {
  const answer = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  if (!answer.ok) process.stderr.write(`healthz answered ${answer.status}: ${(await answer.text()).slice(0, 300)}\n`);
  process.exit(answer.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`healthz unreachable on port ${port}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
