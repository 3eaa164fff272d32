// Sessions: the cookie's attributes, sessions kept in the database (a
// restart logs nobody out), sign-out ends the session on the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO_PASSWORD, hiddenFields } from '../lib/client.mjs';
import { assertErrorPage } from '../lib/http.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

function cookieAttrs(setCookie) {
  const parts = setCookie.split(';').map((s) => s.trim());
  const attrs = new Map();
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    attrs.set((i < 0 ? p : p.slice(0, i)).toLowerCase(), i < 0 ? true : p.slice(i + 1));
  }
  return attrs;
}

test('signing in sets sid HttpOnly, SameSite=Lax, Path=/ with an expiry', async () => {
  const c = new Client(srv.base);
  const r = await c.login('admin@example.org');
  const sid = r.headers.getSetCookie().find((x) => x.startsWith('sid='));
  assert.ok(sid, 'no sid cookie');
  const value = sid.split(';')[0].slice(4);
  assert.ok(value.length >= 32, 'the session token is short');
  assert.match(value, /^[A-Za-z0-9_-]+$/);
  const a = cookieAttrs(sid);
  assert.equal(a.get('httponly'), true, 'sid is not HttpOnly');
  assert.equal(String(a.get('samesite')).toLowerCase(), 'lax', 'sid is not SameSite=Lax');
  assert.equal(a.get('path'), '/');
  assert.ok(Number(a.get('max-age')) > 3600 || a.get('expires'), 'sid has no expiry');
  assert.equal(r.location, '/konto');
});

test('the anonymous CSRF cookie is HttpOnly and SameSite=Lax too', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/registrera');
  const csrf = r.headers.getSetCookie().find((x) => x.startsWith('csrf='));
  assert.ok(csrf);
  const a = cookieAttrs(csrf);
  assert.equal(a.get('httponly'), true);
  assert.equal(String(a.get('samesite')).toLowerCase(), 'lax');
});

test('each sign-in gets a new session token (no session fixation)', async () => {
  const c = new Client(srv.base);
  const fixed = 'x'.repeat(43);
  c.cookies.set('sid', fixed);
  assert.equal((await c.get('/konto')).status, 303, 'a made-up token signs nobody in');
  await c.login('kommunikator@example.org');
  assert.notEqual(c.cookies.get('sid'), fixed);
  const other = new Client(srv.base);
  await other.login('kommunikator@example.org');
  assert.notEqual(other.cookies.get('sid'), c.cookies.get('sid'));
});

test('a restart of the server on the same database keeps people signed in', async () => {
  const c = new Client(srv.base);
  await c.login('forening@example.org');
  assert.match((await c.get('/konto')).text, /Rut Nilsson/);
  const page = await c.get('/konto/losenord');
  const tokenBefore = hiddenFields(page.text, '/konto/losenord')._csrf;
  const anon = new Client(srv.base);
  const anonToken = await anon.csrf('/registrera', '/registrera');

  await srv.restart();

  const acct = await c.get('/konto');
  assert.equal(acct.status, 200, 'signed out by the restart');
  assert.match(acct.text, /Rut Nilsson/);
  // the CSRF secret lives in the database too: a form loaded before the
  // restart can be sent after it
  const after = await c.get('/konto/losenord');
  assert.equal(hiddenFields(after.text, '/konto/losenord')._csrf, tokenBefore);
  assert.equal(await anon.csrf('/registrera', '/registrera'), anonToken);
  const wrong = await c.postRaw('/konto/losenord', {
    _csrf: tokenBefore, nuvarande: 'fel lösenord!!', losenord: 'ett nytt långt lösenord',
    losenord2: 'ett nytt långt lösenord',
  });
  assert.equal(wrong.status, 400, 'the old form token is refused after the restart');
});

test('two server processes on one database serve the same sessions and forms', async () => {
  const second = await startServer({ dbUrl: srv.dbUrl });
  try {
    const a = new Client(srv.base);
    await a.login('koordinator@example.org');
    const b = new Client(second.base);
    b.cookies = a.cookies; // the same browser, sent to the other process
    b.ip = a.ip;
    const acct = await b.get('/konto');
    assert.equal(acct.status, 200, 'the other process does not know the session');
    assert.match(acct.text, /Kim Karlsson/);
    // a form loaded from one process is accepted by the other
    const page = await a.get('/konto');
    const r = await b.postRaw('/logga-ut', hiddenFields(page.text, '/logga-ut'));
    assert.equal(r.status, 303, 'the CSRF token of one process is refused by the other');
    assert.equal((await a.get('/konto')).status, 303, 'signed out on one process, still in on the other');
  } finally {
    await second.stop();
  }
});

test('signing out ends the session on the server: the old cookie no longer works', async () => {
  const c = new Client(srv.base);
  await c.login('klarsprak@example.org');
  const sid = c.cookies.get('sid');
  const copy = new Client(srv.base);
  copy.cookies.set('sid', sid);
  assert.equal((await copy.get('/konto')).status, 200, 'the copied cookie works before sign-out');

  const page = await c.get('/konto');
  const r = await c.postRaw('/logga-ut', hiddenFields(page.text, '/logga-ut'));
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  const cleared = r.headers.getSetCookie().find((x) => x.startsWith('sid='));
  assert.match(cleared, /^sid=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i, 'sid is not cleared');
  const home = await c.get('/');
  assert.match(home.text, /Du är utloggad\./);
  assert.match(home.text, />Logga in</);

  const replay = await copy.get('/konto');
  assert.equal(replay.status, 303, 'the old session cookie still signs in after sign-out');
  assert.match(replay.location, /^\/logga-in/);
  const post = await copy.postRaw('/konto/radera', { losenord: DEMO_PASSWORD });
  assertErrorPage(post, 403);
});

test('a session cookie of the wrong shape is ignored', async () => {
  for (const bad of ['', 'a', 'x'.repeat(500), '%FF%FE', '"quoted"', '../../etc/passwd']) {
    const c = new Client(srv.base);
    c.cookies.set('sid', bad);
    const r = await c.get('/');
    assert.equal(r.status, 200, `sid=${bad}`);
    assert.match(r.text, />Logga in</);
    assert.equal((await c.get('/konto')).status, 303);
  }
});
