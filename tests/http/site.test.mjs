// The page frame and the information pages: Swedish by default, a skip
// link, navigation, a footer that links the accessibility statement, no
// JavaScript, Swedish dates, HEAD requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, rawRequest } from '../lib/client.mjs';
import { assertNoActiveContent, assertSecurityHeaders, htmlTags, signedIn } from '../lib/http.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const PUBLIC = ['/', '/nyheter', '/organisationer', '/organisationer/helsam', '/tillganglighet', '/integritet',
  '/logga-in', '/registrera', '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022', '/finns-inte'];

test('every page has lang="sv", a title, a skip link to the main content, navigation and the footer', async () => {
  const c = new Client(srv.base);
  for (const p of PUBLIC) {
    const r = await c.get(p);
    assert.match(r.text, /^<!doctype html>\n<html lang="sv">/, p);
    assert.match(r.text, /<meta charset="utf-8">/);
    assert.match(r.text, /<meta name="viewport" content="width=device-width, initial-scale=1">/, `${p}: not responsive`);
    assert.match(r.text, /<title>[^<]+ – samskap<\/title>/, p);
    const firstLink = r.text.match(/<body>\s*<a ([^>]*)>/);
    assert.ok(firstLink && /href="#innehall"/.test(firstLink[1]), `${p}: the skip link is not first`);
    assert.match(r.text, /<main id="innehall"/, p);
    assert.match(r.text, /<nav aria-label="Huvudmeny">/, p);
    assert.match(r.text, /<footer class="site">[\s\S]*href="\/tillganglighet">Tillgänglighetsredogörelse<\/a>/, `${p}: no accessibility statement link`);
    assert.equal((r.text.match(/<h1>/g) || []).length, 1, `${p}: not exactly one h1`);
    assert.match(r.text, /<link rel="stylesheet" href="\/static\/samskap\.[0-9a-f]+\.css">/);
  }
});

test('no page needs JavaScript: there are no scripts at all', async () => {
  const anon = new Client(srv.base);
  const comm = await signedIn(srv, 'kommunikator@example.org');
  const admin = await signedIn(srv, 'admin@example.org');
  const pages = [...PUBLIC.map((p) => [anon, p]), [comm, '/redaktion'], [comm, '/nyheter/ny'], [admin, '/admin'],
    [admin, '/konto'], [admin, '/organisationer/ny'], [admin, '/admin/logg']];
  for (const [c, p] of pages) {
    const r = await c.get(p);
    assert.ok(!htmlTags(r.text).some((t) => t.name === 'script'), `${p} has a script`);
    assertNoActiveContent(r.text, p);
    // forms work without scripts: every form posts to a local address
    for (const t of htmlTags(r.text).filter((x) => x.name === 'form')) {
      const action = t.attrs.find(([n]) => n === 'action')?.[1];
      assert.ok(action && action.startsWith('/'), `${p}: a form without a local action`);
    }
  }
});

test('the current page is marked in the navigation', async () => {
  const c = new Client(srv.base);
  assert.match((await c.get('/nyheter')).text, /<a href="\/nyheter" aria-current="page">Nyheter<\/a>/);
  assert.match((await c.get('/organisationer/helsam')).text, /<a href="\/organisationer" aria-current="page">Organisationer<\/a>/);
  assert.match((await c.get('/')).text, /<a href="\/" aria-current="page">Start<\/a>/);
});

test('the accessibility statement and the privacy page, in Swedish and in English', async () => {
  const c = new Client(srv.base);
  const a = await c.get('/tillganglighet');
  assert.equal(a.status, 200);
  assertSecurityHeaders(a);
  assert.match(a.text, /<h1>Tillgänglighetsredogörelse<\/h1>/);
  assert.match(a.text, /<title>Tillgänglighetsredogörelse – samskap<\/title>/);
  const p = await c.get('/integritet');
  assert.equal(p.status, 200);
  assert.match(p.text, /<h1>[^<]*personuppgifter[^<]*<\/h1>/i);
  await c.get('/sprak/en?tillbaka=/tillganglighet');
  const en = await c.get('/tillganglighet');
  assert.match(en.text, /<html lang="en">/);
  assert.match(en.text, /<h1>Accessibility statement<\/h1>/);
  assert.match(en.text, /href="\/sprak\/sv\?tillbaka=%2Ftillganglighet"[^>]*>/, 'no way back to Swedish');
});

test('dates and times are written the Swedish way', async () => {
  const c = new Client(srv.base);
  const list = await c.get('/nyheter');
  assert.match(list.text, /<time datetime="2022-02-07">7 februari 2022<\/time>/);
  const post = await c.get('/nyheter/gemensam-utvecklingsgrupp-21-februari-2022');
  assert.match(post.text, /<time datetime="2022-02-25T18:12:00[^"]*">25 februari 2022 kl\. 18\.12<\/time>/);
  // the slug ends at a word (issue 8): it was cut mid-word, "…-med-ungdoma"
  const invite = await c.get('/nyheter/gemensam-utvecklingsgrupp-21-februari-om-delaktighet-och-samskapande-med');
  assert.equal(invite.status, 200);
  assert.match(invite.text, /13\.30–15\.30/);
});

test('HEAD answers like GET without a body', async () => {
  for (const p of ['/', '/nyheter', '/nyheter.atom', '/finns-inte']) {
    const get = await rawRequest(srv.base, { path: p });
    const head = await rawRequest(srv.base, { method: 'HEAD', path: p });
    assert.equal(head.status, get.status, p);
    assert.equal(head.text, '', p);
    assert.equal(head.headers['content-type'], get.headers['content-type'], p);
    assert.ok(head.headers['content-security-policy'], p);
  }
});

test('the home page links news and organisations and shows the latest posts', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.text, /<title>Start – samskap<\/title>/);
  assert.match(r.text, /href="\/nyheter"/);
  assert.match(r.text, /href="\/organisationer"/);
  assert.equal((r.text.match(/<li class="card"><h3><a href="\/nyheter\//g) || []).length, 3);
  assert.match(r.text, /Skapa konto/);
  const signed = await signedIn(srv, 'ungdom@example.org');
  const s = await signed.get('/');
  assert.doesNotMatch(s.text, /Vill du vara med\?/);
  assert.match(s.text, /href="\/konto">Mitt konto<\/a>/);
  assert.match(s.text, /<button type="submit">Logga ut<\/button>/);
  assert.match(s.headers.get('cache-control') || '', /private|no-store/);
});
