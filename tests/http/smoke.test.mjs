import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('the home page is Swedish and links the accessibility statement', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.text, /<html lang="sv">/);
  assert.match(r.text, /href="#innehall"/);
  assert.match(r.text, /href="\/tillganglighet">Tillgänglighetsredogörelse</);
});

test('a demo user signs in and out', async () => {
  const c = new Client(srv.base);
  await c.login('admin@example.org');
  const acct = await c.get('/konto');
  assert.equal(acct.status, 200);
  assert.match(acct.text, /Alva Andersson/);
});
