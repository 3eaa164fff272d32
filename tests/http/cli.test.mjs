// The binary's subcommands: --help, user add (how the first administrator
// is made), migrate, demo (once), backup (a consistent copy of a live
// SQLite database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('--help explains every subcommand; an unknown one is refused', () => {
  const r = srv.cli(['--help']);
  assert.equal(r.status, 0);
  for (const word of ['serve', 'migrate', 'demo', 'user add', 'backup', 'SAMSKAP_DB', 'SAMSKAP_LISTEN'])
    assert.ok(r.stdout.includes(word), `--help does not mention ${word}`);
  const bad = srv.cli(['frobnicate']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown command/);
});

test('user add makes a working administrator; bad input is refused and stores nothing', async () => {
  const email = `chef${Date.now()}@example.org`;
  const made = srv.cli(['user', 'add', '--email', email, '--name', 'Åsa Öberg', '--role', 'administrator'],
    'ett långt lösenord\n');
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /created user \d+/);
  const c = new Client(srv.base);
  await c.login(email, 'ett långt lösenord');
  const admin = await c.get('/admin');
  assert.equal(admin.status, 200);
  assert.match(admin.text, /Åsa Öberg/);
  // refused: unknown role, short password, a taken address, a missing name
  assert.equal(srv.cli(['user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'kung'], 'ett långt lösenord\n').status, 2);
  assert.equal(srv.cli(['user', 'add', '--email', 'y@example.org', '--name', 'Y'], 'kort\n').status, 2);
  assert.equal(srv.cli(['user', 'add', '--email', email, '--name', 'Igen'], 'ett långt lösenord\n').status, 1);
  assert.equal(srv.cli(['user', 'add', '--email', 'z@example.org'], 'ett långt lösenord\n').status, 2);
  const c2 = new Client(srv.base);
  const r = await c2.submit('/logga-in', '/logga-in', { epost: 'y@example.org', losenord: 'kort' });
  assert.equal(r.status, 400, 'a refused user was stored');
});

test('migrate on a migrated database applies nothing; demo twice loads once', () => {
  const m = srv.cli(['migrate']);
  assert.equal(m.status, 0, m.stderr);
  assert.match(m.stdout, /schema version \d+ \(0 migrations applied\)/);
  const d = srv.cli(['demo']);
  assert.equal(d.status, 0);
  assert.match(d.stdout, /already loaded/);
});

test('backup writes a consistent copy of the live SQLite database that a server can use', async (t) => {
  if (srv.kind !== 'sqlite') {
    const r = srv.cli(['backup', '/tmp/never.db']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pg_dump/);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-backup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dest = path.join(dir, 'kopia.db');
  // the server keeps serving (and writing sessions) while the copy is made
  const c = new Client(srv.base);
  const busy = Promise.all([...Array(20)].map(() => c.get('/nyheter')));
  const r = srv.cli(['backup', dest]);
  await busy;
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(dest));
  const count = (db) => spawnSync('sqlite3', [db, 'PRAGMA integrity_check; SELECT COUNT(*) FROM posts; SELECT COUNT(*) FROM organisations;'],
    { encoding: 'utf8' }).stdout.trim().split('\n');
  const copy = count(dest);
  assert.equal(copy[0], 'ok');
  assert.deepEqual(copy.slice(1), count(srv.dbUrl).slice(1));
  const second = await startServer({ dbUrl: dest, demo: false });
  try {
    const page = await new Client(second.base).get('/organisationer');
    assert.equal(page.status, 200);
    assert.match(page.text, /Framtidsverkstaden/);
  } finally {
    await second.stop();
  }
  assert.equal(srv.cli(['backup']).status, 2, 'backup without a destination');
});
