// Starts the real samskap binary for a test file: a fresh database (a
// SQLite file, or a new database on the test PostgreSQL server), the demo
// data, a free port.  stop() fails the test run if the server logged an
// error of ours or a sanitizer report.
//
// Environment (set by scripts/test.sh):
//   SAMSKAP_BIN          the binary (default build/samskap)
//   SAMSKAP_TEST_DB      sqlite | pg (default sqlite)
//   SAMSKAP_TEST_PG_URL  admin URL of the test PostgreSQL server
//   SAMSKAP_TEST_SMTP    host:port of the SMTP sink, when one runs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

async function waitHealthy(base, child, logs) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not become healthy:\n${logs.join('')}`);
}

/** Problems in a server log: our errors and sanitizer reports. */
export function logProblems(text) {
  return text.split('\n').filter((l) =>
    / ERROR /.test(l) || /AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer/.test(l));
}

/** Options: db ('sqlite' | 'pg'), dbUrl (serve an existing database, e.g.
 *  another test server's, without loading the demo data or dropping it
 *  afterwards), demo (false: no demo data), env, threads, accessLog. */
export async function startServer(opts = {}) {
  const bin = path.resolve(ROOT, process.env.SAMSKAP_BIN || 'build/samskap');
  const kind = opts.db || process.env.SAMSKAP_TEST_DB || 'sqlite';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'samskap-test-'));
  let dbUrl;
  let dropDb = null;
  if (opts.dbUrl) {
    // a second server process on the database of another one
    dbUrl = opts.dbUrl;
  } else if (kind === 'pg') {
    const admin = process.env.SAMSKAP_TEST_PG_URL;
    if (!admin) throw new Error('SAMSKAP_TEST_PG_URL is not set');
    const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    psql(admin, `CREATE DATABASE ${name}`);
    dbUrl = admin.replace(/\/[^/]*$/, `/${name}`);
    dropDb = () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    dbUrl = path.join(tmp, 'samskap.db');
  }
  const port = await freePort();
  const env = {
    ...process.env,
    SAMSKAP_DB: dbUrl,
    SAMSKAP_LISTEN: `127.0.0.1:${port}`,
    SAMSKAP_TRUST_PROXY: '1',
    SAMSKAP_ACCESS_LOG: opts.accessLog ? '1' : '0',
    SAMSKAP_THREADS: String(opts.threads || 4),
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=0:halt_on_error=0',
    ...(opts.env || {}),
  };
  if (opts.demo !== false && !opts.dbUrl) {
    const r = spawnSync(bin, ['demo'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`samskap demo failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const problems = logProblems(r.stderr);
    if (problems.length) throw new Error(`samskap demo logged problems:\n${problems.join('\n')}`);
  }
  const logs = [];
  const base = `http://127.0.0.1:${port}`;
  let child = null;
  const exits = [];
  async function launch() {
    child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => logs.push(d.toString()));
    child.stderr.on('data', (d) => logs.push(d.toString()));
    await waitHealthy(base, child, logs);
  }
  async function halt() {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    if (child) exits.push({ code: child.exitCode, signal: child.signalCode });
    child = null;
  }
  await launch();
  return {
    base,
    port,
    dbUrl,
    kind,
    env,
    bin,
    log: () => logs.join(''),
    /** Runs a samskap subcommand against the same database. */
    cli(args, input) {
      return spawnSync(bin, args, { env, input, encoding: 'utf8' });
    },
    /** Stops the server process and starts a new one on the same database
     *  and port (sessions, data and the shared secret must survive). */
    async restart() {
      await halt();
      await launch();
    },
    async stop({ allowProblems = false } = {}) {
      await halt();
      try { dropDb?.(); } catch { /* best effort */ }
      rmSync(tmp, { recursive: true, force: true });
      const problems = logProblems(logs.join(''));
      if (!allowProblems && problems.length) {
        throw new Error(`server logged problems:\n${problems.join('\n')}`);
      }
      const bad = exits.filter((e) => e.code !== 0);
      if (!allowProblems && bad.length) {
        throw new Error(`server exited with ${bad[0].code} (signal ${bad[0].signal}):\n${logs.join('').slice(-4000)}`);
      }
    },
  };
}
