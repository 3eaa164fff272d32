// When the database goes away: a Swedish 500 page, /healthz says so, and
// the server serves again once the database is back.  On PostgreSQL the
// server's connections are cut (as a database restart or fail-over does);
// on SQLite there is nothing to cut, so these tests are skipped there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, logProblems } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';
import { assertErrorPage } from '../lib/http.mjs';

const pg = (process.env.SAMSKAP_TEST_DB || 'sqlite') === 'pg';
let srv;
before(async () => { if (pg) srv = await startServer({ db: 'pg' }); });
after(async () => {
  if (!srv) return;
  await srv.stop({ allowProblems: true }); // the lost connections are logged as errors
  const sanitizer = logProblems(srv.log()).filter((l) => !/ ERROR /.test(l));
  assert.deepEqual(sanitizer, [], 'sanitizer reports');
});

function cutConnections() {
  const name = srv.dbUrl.replace(/.*\//, '');
  const r = spawnSync('psql', [process.env.SAMSKAP_TEST_PG_URL, '-qAtc',
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`],
  { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

test('a lost database connection gives the Swedish 500 page', { skip: !pg && 'PostgreSQL only' }, async () => {
  const c = new Client(srv.base);
  assert.equal((await c.get('/nyheter')).status, 200);
  assert.ok(cutConnections() >= 1, 'no connection to cut');
  const r = await c.get('/nyheter');
  if (r.status === 200) return; // reconnected at once: fine too
  assertErrorPage(r, 500, 'after the connection was cut');
  assert.match(r.text, /Inget av det du redan sparat har förlorats/);
});

test('the server serves again after its database connections were cut', { skip: !pg && 'PostgreSQL only' }, async () => {
  const c = new Client(srv.base);
  cutConnections();
  const statuses = [];
  let ok = false;
  for (let i = 0; i < 20 && !ok; i++) {
    const r = await c.get('/nyheter');
    statuses.push(r.status);
    ok = r.status === 200;
    if (!ok) await new Promise((res) => setTimeout(res, 100));
  }
  assert.ok(ok, `still failing after 20 requests over 2 s (statuses ${statuses.join(' ')}): no reconnect`);
  const h = await c.get('/healthz');
  assert.equal(h.status, 200);
  await c.login('admin@example.org');
  assert.equal((await c.get('/admin')).status, 200);
});
