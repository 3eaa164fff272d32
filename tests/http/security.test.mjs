// Security headers on normal and error responses, the Swedish error pages,
// CSRF on every POST route, the language switch and open redirects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO_PASSWORD, hiddenFields, rawRequest } from '../lib/client.mjs';
import {
  assertErrorPage, assertHealthy, assertSecurityHeaders, orgId, pendingComments, postSlugs,
  rand, signedIn, userId,
} from '../lib/http.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('security headers on public pages, signed-in pages, redirects and the feed', async () => {
  const anon = new Client(srv.base);
  for (const p of ['/', '/nyheter', '/organisationer', '/tillganglighet', '/integritet',
    '/logga-in', '/registrera', '/nyheter.atom', '/organisationer/helsam']) {
    const r = await anon.get(p);
    assert.equal(r.status, 200, p);
    assertSecurityHeaders(r, p);
  }
  const redirect = await anon.get('/konto');
  assert.equal(redirect.status, 303);
  assertSecurityHeaders(redirect, 'on a redirect');
  const admin = await signedIn(srv, 'admin@example.org');
  for (const p of ['/konto', '/admin', '/redaktion', '/konto/mina-uppgifter.json']) {
    const r = await admin.get(p);
    assert.equal(r.status, 200, p);
    assertSecurityHeaders(r, p);
    assert.match(r.headers.get('cache-control') || '', /no-store|private/,
      `${p}: a signed-in page may be cached by shared caches`);
  }
});

test('404: unknown pages get a Swedish error page with the security headers', async () => {
  const c = new Client(srv.base);
  for (const p of ['/finns-inte', '/nyheter/finns-inte', '/organisationer/finns-inte',
    '/sprak/de', '/admin/x/y/z/w', '/nyheter/ny/extra']) {
    assertErrorPage(await c.get(p), 404, p);
  }
});

test('405: a wrong method gets a Swedish page and an Allow header', async () => {
  const c = new Client(srv.base);
  const cases = [
    ['POST', '/', 'GET, HEAD'],
    ['POST', '/nyheter', 'GET, HEAD'],
    ['GET', '/logga-ut', 'POST'],
    ['PUT', '/nyheter', 'GET, HEAD'],
    ['DELETE', '/konto', 'GET, HEAD'],
    ['PATCH', '/registrera', 'GET, HEAD, POST'],
  ];
  for (const [method, path, allow] of cases) {
    const r = await c.request(method, path, method === 'GET' ? {} : { body: '' });
    assertErrorPage(r, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `Allow for ${method} ${path}`);
  }
});

test('403: a POST without a CSRF token gets a Swedish page', async () => {
  const c = new Client(srv.base);
  const r = await c.postRaw('/logga-in', { epost: 'a@example.org', losenord: 'x' });
  assertErrorPage(r, 403);
});

test('400: a malformed request gets a Swedish page', async () => {
  const c = new Client(srv.base);
  assertErrorPage(await c.get('/nyheter/%FF%FE'), 400, 'invalid UTF-8 in the path');
  assertErrorPage(await c.postBody('/logga-in', 'a=1', { contentType: 'text/plain' }), 400, 'text/plain body');
});

test('413: a body over the limit gets a Swedish page and the server keeps serving', async () => {
  const c = new Client(srv.base);
  await c.get('/registrera');
  const r = await c.postBody('/registrera', `namn=${'a'.repeat(257 * 1024)}`);
  assertErrorPage(r, 413);
  await assertHealthy(srv.base);
  // just under the limit is parsed (and refused for its too-long field, not its size)
  const fields = hiddenFields((await c.get('/registrera')).text, '/registrera');
  const head = new URLSearchParams(fields).toString();
  const small = await c.postBody('/registrera', `${head}&namn=${'a'.repeat(200 * 1024)}`);
  assert.equal(small.status, 400);
  await assertHealthy(srv.base);
});

test('413 also without Content-Length (chunked), and the server keeps serving', async () => {
  const body = 'namn=' + 'b'.repeat(300 * 1024);
  const r = await rawRequest(srv.base, {
    method: 'POST', path: '/registrera',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    body,
  });
  assert.equal(r.status, 413);
  assert.match(r.text, /För mycket data/);
  await assertHealthy(srv.base);
});

// ---- CSRF on every POST route ----

test('CSRF: every POST route refuses a missing, forged or foreign token, and nothing changes', async () => {
  const admin = await signedIn(srv, 'admin@example.org');
  const comm = await signedIn(srv, 'kommunikator@example.org');
  const youth = await signedIn(srv, 'ungdom@example.org');
  const admin2 = new Client(srv.base);
  await admin2.login('admin@example.org'); // a second session of the same person
  const anon = new Client(srv.base);
  const anon2 = new Client(srv.base);
  await anon.get('/registrera'); // has its own anonymous csrf cookie
  const anonOtherToken = await anon2.csrf('/registrera', '/registrera');

  const uid = await userId(admin, 'Yasmin Ali');
  const fryshuset = await orgId(admin, uid, 'Fryshuset');
  const slug = postSlugs((await anon.get('/nyheter')).text)[0];
  const pending = await pendingComments(comm);
  assert.ok(pending.length >= 1, 'the demo data has a pending comment');
  const pendingId = pending[0].id;
  const email = `csrf-${rand()}@example.org`;
  const orgBefore = (await anon.get('/organisationer/framtidsverkstaden')).text;
  const postBefore = (await anon.get(`/nyheter/${slug}`)).text;

  const routes = [
    { who: anon, path: '/registrera', other: anonOtherToken,
      fields: { namn: 'CSRF Person', epost: email, losenord: 'ett långt lösenord', losenord2: 'ett långt lösenord' } },
    { who: anon, path: '/logga-in', other: anonOtherToken,
      fields: { epost: 'admin@example.org', losenord: DEMO_PASSWORD } },
    { who: anon, path: `/nyheter/${slug}/kommentera`, other: anonOtherToken,
      fields: { namn: 'CSRF', epost: 'csrf@example.org', kommentar: 'CSRF-kommentar', _once: rand() + rand() } },
    { who: admin, path: '/logga-ut', fields: {} },
    { who: youth, path: '/konto/losenord',
      fields: { nuvarande: DEMO_PASSWORD, losenord: 'helt nytt lösenord', losenord2: 'helt nytt lösenord' } },
    { who: youth, path: '/konto/radera', fields: { losenord: DEMO_PASSWORD } },
    { who: admin, path: `/admin/anvandare/${uid}/roller`, fields: { roll: 'administrator', atgard: 'ge' } },
    { who: admin, path: `/admin/anvandare/${uid}/organisationer`, fields: { org: fryshuset, atgard: 'ge' } },
    { who: admin, path: '/organisationer/ny',
      fields: { namn: 'CSRF-föreningen', typ: 'forening', sektor: 'ideell', paraply: '0' } },
    { who: admin, path: '/organisationer/framtidsverkstaden/redigera',
      fields: { namn: 'Kapad', typ: 'forening', sektor: 'ideell', paraply: '0', sammanfattning: 'kapad' } },
    { who: comm, path: '/nyheter/ny', fields: { rubrik: 'CSRF-nyhet', text: 'kapad', status: 'publicerad' } },
    { who: comm, path: `/nyheter/${slug}/redigera`, fields: { rubrik: 'Kapad rubrik', text: 'kapad', status: 'publicerad' } },
    { who: comm, path: `/redaktion/kommentarer/${pendingId}`, fields: { beslut: 'godkand' } },
  ];
  const sessionToken = await comm.csrf('/nyheter/ny', '/nyheter/ny');
  const admin2Token = await admin2.csrf('/organisationer/ny', '/organisationer/ny');
  for (const rt of routes) {
    const variants = [
      ['missing', undefined],
      ['forged', 'A'.repeat(43)],
      ['empty', ''],
      ['another session', rt.other || (rt.who === comm ? admin2Token : sessionToken)],
    ];
    if (rt.who !== anon) variants.push(['an anonymous token', anonOtherToken]);
    if (rt.who === admin) variants.push(['the same person\'s other session', admin2Token]);
    for (const [what, token] of variants) {
      const fields = token === undefined ? rt.fields : { ...rt.fields, _csrf: token };
      const r = await rt.who.postRaw(rt.path, fields);
      assertErrorPage(r, 403, `POST ${rt.path} with ${what} CSRF token`);
      assert.equal(r.headers.getSetCookie().filter((c) => c.startsWith('sid=')).length, 0,
        `POST ${rt.path} with ${what} token set a session cookie`);
    }
  }

  // nothing changed
  assert.equal((await admin.get('/konto')).status, 200, 'sign-out went through');
  assert.equal((await youth.get('/konto')).status, 200, 'the account was erased or signed out');
  assert.equal((await anon.get('/konto')).status, 303, 'the anonymous client got signed in');
  const userPage = (await admin.get(`/admin/anvandare/${uid}`)).text;
  assert.match(userPage, /Administratör: <strong>nej<\/strong>/, 'the role was granted');
  assert.match(userPage, /Representerar ingen organisation\./, 'the representative was added');
  assert.match((await anon.get('/organisationer?q=CSRF')).text, /Inga organisationer matchar sökningen/);
  assert.equal((await anon.get('/organisationer/framtidsverkstaden')).text, orgBefore);
  assert.doesNotMatch((await comm.get('/redaktion')).text, /CSRF-nyhet|CSRF-kommentar/);
  assert.equal((await anon.get(`/nyheter/${slug}`)).text.replace(/name="_once" value="[^"]*"/, ''),
    postBefore.replace(/name="_once" value="[^"]*"/, ''));
  assert.ok((await pendingComments(comm)).some((c) => c.id === pendingId), 'the comment got moderated');
  const fresh = new Client(srv.base);
  await fresh.login('ungdom@example.org'); // the password was not changed
  // and the same requests with the right token do go through (the test can tell)
  const ok = await anon.submit('/registrera', '/registrera', routes[0].fields);
  assert.equal(ok.status, 303, 'signing up with a valid token');
  const grant = await admin.submit(`/admin/anvandare/${uid}`, `/admin/anvandare/${uid}/roller`,
    { roll: 'coach', atgard: 'ge' });
  assert.equal(grant.status, 303);
});

test('CSRF: the token is tied to the session and changes when signing in', async () => {
  const c = new Client(srv.base);
  const before = await c.csrf('/logga-in', '/logga-in');
  await c.login('klarsprak@example.org');
  const afterLogin = await c.csrf('/konto/losenord', '/konto/losenord');
  assert.notEqual(before, afterLogin);
  // the anonymous token from before signing in no longer works
  const r = await c.postRaw('/logga-ut', { _csrf: before });
  assertErrorPage(r, 403);
  assert.equal((await c.get('/konto')).status, 200);
});

// ---- language and redirects ----

test('/sprak/en switches the interface to English and back', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/sprak/en?tillbaka=/nyheter');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/nyheter');
  const cookie = r.headers.getSetCookie().find((x) => x.startsWith('lang='));
  assert.match(cookie, /^lang=en;/);
  const home = await c.get('/');
  assert.match(home.text, /<html lang="en">/);
  assert.match(home.text, />News</);
  assert.match(home.text, />Sign in</);
  const missing = await c.get('/finns-inte');
  assert.equal(missing.status, 404);
  assert.match(missing.text, /Page not found/);
  const back = await c.get('/sprak/sv?tillbaka=/');
  assert.equal(back.location, '/');
  assert.match((await c.get('/')).text, /<html lang="sv">[\s\S]*>Nyheter</);
});

test('the language switch and sign-in never redirect to another site', async () => {
  const c = new Client(srv.base);
  const evil = ['//evil.example', 'https://evil.example', 'http://evil.example/x', '/\\evil.example',
    '\\\\evil.example', '//evil.example/%2e%2e', 'javascript:alert(1)', '%2F%2Fevil.example',
    '/%09/evil.example', '/%0d%0aSet-Cookie:x=1', ' //evil.example', '///evil.example',
    'evil.example', '%FF%FE'];
  for (const t of evil) {
    const r = await c.get(`/sprak/en?tillbaka=${t.startsWith('%') ? t : encodeURIComponent(t)}`);
    assert.equal(r.status, 303, t);
    assert.ok(r.location.startsWith('/') && !r.location.startsWith('//') && !r.location.startsWith('/\\'),
      `tillbaka=${t} redirected to ${r.location}`);
    assert.ok(!/evil/.test(r.location) || r.location.startsWith('/%'), `tillbaka=${t} → ${r.location}`);
    assert.doesNotMatch(r.location, /[\r\n]/);
  }
  for (const t of ['https://evil.example', '//evil.example', '/\\evil.example', 'http:evil.example']) {
    const page = await c.get(`/logga-in?nasta=${encodeURIComponent(t)}`);
    assert.equal(page.status, 200);
    assert.equal(hiddenFields(page.text, '/logga-in').nasta, '/konto', `nasta=${t} kept in the form`);
  }
  const login = new Client(srv.base);
  const r = await login.submit('/logga-in', '/logga-in',
    { epost: 'koordinator@example.org', losenord: DEMO_PASSWORD, nasta: 'https://evil.example' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/konto');
  const local = new Client(srv.base);
  const r2 = await local.submit('/logga-in?nasta=/organisationer', '/logga-in',
    { epost: 'koordinator@example.org', losenord: DEMO_PASSWORD });
  assert.equal(r2.location, '/organisationer', 'a local nasta is followed');
});

test('signed-out visitors are sent to sign in and come back afterwards', async () => {
  const c = new Client(srv.base);
  for (const p of ['/konto', '/admin', '/redaktion', '/nyheter/ny', '/organisationer/ny',
    '/konto/losenord', '/konto/radera', '/konto/mina-uppgifter.json', '/admin/logg']) {
    const r = await c.get(p);
    assert.equal(r.status, 303, p);
    assert.equal(r.location, `/logga-in?nasta=${encodeURIComponent(p)}`);
  }
});
