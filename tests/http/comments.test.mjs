// Comments: the form, moderation before anything is shown, the honeypot,
// the rate limit, double submission, and e-mail addresses never published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sql, sqlInt } from './calls_helpers.mjs';
import { Client, hiddenFields, inputValue, textareaValue } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertFormError, assertHealthy, assertNoActiveContent, escapeHtml,
  moderate, orgSlugs, pendingComments, postSlugs, rand, signedIn,
} from '../lib/http.mjs';

let srv;
let comm;
const SLUG = 'gemensam-utvecklingsgrupp-21-februari-2022';
const POST = `/nyheter/${SLUG}`;
const ACTION = `${POST}/kommentera`;
const usedEmails = new Set(['linnea@example.org', 'omar@example.org', 'birgitta@example.org', 'sami@example.org',
  'admin@example.org', 'koordinator@example.org', 'kommunikator@example.org', 'forening@example.org',
  'ungdom@example.org', 'reporter@example.org', 'klarsprak@example.org']);

before(async () => {
  srv = await startServer();
  comm = await signedIn(srv, 'kommunikator@example.org');
});
after(async () => { await srv.stop(); });

async function comment(c, fields, page = POST) {
  const email = fields.epost;
  if (email) usedEmails.add(email.toLowerCase());
  return c.submit(page, page === POST ? ACTION : `${page}/kommentera`, fields);
}

function shownComments(html) {
  return (html.match(/<h2 id="kommentarer-rubrik">Kommentarer \((\d+)\)<\/h2>/) || [])[1];
}

test('the comment form asks for name and e-mail and says the address is not published', async () => {
  const c = new Client(srv.base);
  const r = await c.get(POST);
  assert.equal(r.status, 200);
  assert.match(r.text, /Din e-postadress publiceras inte\./);
  assert.match(r.text, /Kommentarer granskas innan de visas\./);
  for (const f of ['namn', 'epost', 'kommentar']) {
    assert.match(r.text, new RegExp(`<label for="f-${f}">[^<]* \\(obligatoriskt\\)</label>`), `${f} not marked required`);
    assert.match(r.text, new RegExp(`id="f-${f}" name="${f}" required`));
  }
  assert.match(r.text, /<div class="hp" aria-hidden="true">[\s\S]*?name="webbplats" tabindex="-1"/);
  const hidden = hiddenFields(r.text, ACTION);
  assert.ok(hidden._csrf && hidden._once && hidden._once.length >= 16);
  assert.notEqual(hiddenFields((await c.get(POST)).text, ACTION)._once, hidden._once, 'the one-time key repeats');
});

test('name, e-mail and text are required: Swedish messages, the rest comes back', async () => {
  const c = new Client(srv.base);
  const before = (await pendingComments(comm)).length;
  let r = await comment(c, { namn: '', epost: 'utan.namn@example.org', kommentar: 'Jag har inget namn.' });
  assertFormError(r, MSG.required, { field: 'namn' });
  assert.equal(inputValue(r.text, 'epost'), 'utan.namn@example.org');
  assert.equal(textareaValue(r.text, 'kommentar'), 'Jag har inget namn.');
  r = await comment(c, { namn: 'Utan Adress', kommentar: 'Jag har ingen adress.' });
  assertFormError(r, MSG.required, { field: 'epost' });
  assert.equal(inputValue(r.text, 'namn'), 'Utan Adress');
  assert.equal(textareaValue(r.text, 'kommentar'), 'Jag har ingen adress.');
  r = await comment(c, { namn: 'Fel Adress', epost: 'inte en adress', kommentar: 'Hej.' });
  assertFormError(r, MSG.email, { field: 'epost' });
  assert.equal(inputValue(r.text, 'namn'), 'Fel Adress');
  r = await comment(c, { namn: 'Tyst', epost: 'tyst@example.org', kommentar: '   ' });
  assertFormError(r, MSG.required, { field: 'kommentar' });
  r = await comment(c, { namn: 'N'.repeat(81), epost: 'lang@example.org', kommentar: 'Kort.' });
  assertFormError(r, MSG.tooLong, { field: 'namn' });
  r = await comment(c, { namn: 'Långrandig', epost: 'lang@example.org', kommentar: 'K'.repeat(4001) });
  assertFormError(r, MSG.tooLong, { field: 'kommentar' });
  assert.equal(inputValue(r.text, 'namn'), 'Långrandig');
  r = await comment(c, { namn: 'Pnr', epost: 'pnr@example.org', kommentar: 'Mitt nummer är 19121212-1212.' });
  assertFormError(r, MSG.pnr, { field: 'kommentar' });
  r = await c.submitRaw(POST, ACTION, 'namn=Trasig&epost=trasig%40example.org&kommentar=%FF%FEhej');
  assertFormError(r, MSG.encoding, { field: 'kommentar' });
  assert.equal(inputValue(r.text, 'namn'), 'Trasig');
  assert.equal(inputValue(r.text, 'epost'), 'trasig@example.org');
  assert.equal((await pendingComments(comm)).length, before, 'a refused comment was stored');
});

test('a new comment is held until a communicator approves it at /redaktion', async () => {
  const c = new Client(srv.base);
  const text = `Vilken bra träff! ${rand()}`;
  const email = `kommentar-${rand()}@example.org`;
  const before = await c.get(POST);
  const n = Number(shownComments(before.text));
  const r = await comment(c, { namn: 'Greta Gäst', epost: email, kommentar: text });
  assert.equal(r.status, 303);
  assert.equal(r.location, `${POST}#meddelande`); // where the thank-you message is
  const after = await c.get(POST);
  assert.match(after.text, /Tack! Din kommentar visas när en moderator har granskat den\./);
  assert.ok(!after.text.includes(text), 'the comment is shown before moderation');
  assert.equal(Number(shownComments(after.text)), n);
  assert.ok(!(await new Client(srv.base).get('/nyheter')).text.includes(text));

  const pending = await pendingComments(comm);
  const mine = pending.find((p) => p.html.includes(text));
  assert.ok(mine, 'the comment is not waiting at /redaktion');
  assert.match(mine.html, /Greta Gäst/);
  await moderate(comm, text, 'godkand');
  const desk = await comm.get('/redaktion');
  assert.ok(!desk.text.includes(text), 'an approved comment still waits');
  const shown = await new Client(srv.base).get(POST);
  assert.ok(shown.text.includes(text), 'the approved comment is not shown');
  assert.match(shown.text, /<strong>Greta Gäst<\/strong>/);
  assert.equal(Number(shownComments(shown.text)), n + 1);
  assert.ok(!shown.text.includes(email), 'the e-mail address is published');
  assert.match((await new Client(srv.base).get('/nyheter')).text, new RegExp(`${n + 1} kommentarer`));
});

test('a rejected comment is never shown, not even when approved afterwards', async () => {
  const c = new Client(srv.base);
  const text = `Reklam för billiga klockor ${rand()}`;
  assert.equal((await comment(c, { namn: 'Spam', epost: 'spam@example.org', kommentar: text })).status, 303);
  const id = await moderate(comm, text, 'avvisad');
  assert.match((await comm.get('/redaktion')).text, /Kommentaren är avvisad\./);
  assert.ok(!(await c.get(POST)).text.includes(text));
  const token = await comm.csrf('/redaktion', '/logga-ut');
  const r = await comm.postRaw(`/redaktion/kommentarer/${id}`, { _csrf: token, beslut: 'godkand' });
  assert.equal(r.status, 303);
  assert.match((await comm.get('/redaktion')).text, /Kommentaren var redan granskad\./);
  assert.ok(!(await new Client(srv.base).get(POST)).text.includes(text), 'a rejected comment came back');
});

test('the moderation action: only moderators, valid decisions, existing comments', async () => {
  const c = new Client(srv.base);
  const text = `Ska granskas ${rand()}`;
  await comment(c, { namn: 'Vänta', epost: 'vanta@example.org', kommentar: text });
  const { id } = (await pendingComments(comm)).find((p) => p.html.includes(text));
  for (const email of ['reporter@example.org', 'ungdom@example.org', 'koordinator@example.org']) {
    const u = await signedIn(srv, email);
    const token = await u.csrf('/konto', '/logga-ut');
    assertErrorPage(await u.postRaw(`/redaktion/kommentarer/${id}`, { _csrf: token, beslut: 'godkand' }), 403, email);
  }
  const rep = await signedIn(srv, 'reporter@example.org');
  const repDesk = await rep.get('/redaktion');
  assert.equal(repDesk.status, 200);
  assert.ok(!repDesk.text.includes(text), 'a reporter sees comments waiting for moderation');
  const token = await comm.csrf('/redaktion', '/logga-ut');
  for (const [path, body, status] of [
    [`/redaktion/kommentarer/${id}`, `_csrf=${token}&beslut=kanske`, 400],
    [`/redaktion/kommentarer/${id}`, `_csrf=${token}&beslut=vantar`, 400],
    [`/redaktion/kommentarer/${id}`, `_csrf=${token}`, 400],
    [`/redaktion/kommentarer/${id}`, `_csrf=${token}&beslut=%FF`, 400],
    ['/redaktion/kommentarer/abc', `_csrf=${token}&beslut=godkand`, 404],
    ['/redaktion/kommentarer/-1', `_csrf=${token}&beslut=godkand`, 404],
    ['/redaktion/kommentarer/0', `_csrf=${token}&beslut=godkand`, 404],
  ]) {
    assertErrorPage(await comm.postBody(path, body), status, `${path} ${body}`);
  }
  const r = await comm.postBody('/redaktion/kommentarer/99999999', `_csrf=${token}&beslut=godkand`);
  assert.equal(r.status, 404, `unknown comment: ${r.status}`);
  assert.ok((await pendingComments(comm)).some((p) => p.id === id), 'bad decisions moderated the comment');
});

test('a filled honeypot stores nothing', async () => {
  const c = new Client(srv.base);
  const text = `Köp nu ${rand()}`;
  const r = await comment(c, { namn: 'Bot', epost: 'bot@example.org', kommentar: text, webbplats: 'https://spam.example' });
  assert.equal(r.status, 303, 'a bot should see the same answer as a person');
  assert.ok(!(await pendingComments(comm)).some((p) => p.html.includes(text)), 'the honeypot comment was stored');
});

test('more than 5 comments from one address in 10 minutes get 429', async () => {
  const c = new Client(srv.base);
  const texts = [];
  for (let i = 1; i <= 5; i++) {
    const t = `Kommentar ${i} ${rand()}`;
    texts.push(t);
    const r = await comment(c, { namn: 'Flitig', epost: 'flitig@example.org', kommentar: t });
    assert.equal(r.status, 303, `comment ${i}`);
  }
  const sixth = `Kommentar 6 ${rand()}`;
  const r = await comment(c, { namn: 'Flitig', epost: 'flitig@example.org', kommentar: sixth });
  assertFormError(r, MSG.commentRate, { status: 429 });
  assert.equal(inputValue(r.text, 'namn'), 'Flitig', 'the form does not come back filled in');
  assert.equal(textareaValue(r.text, 'kommentar'), sixth);
  // the same address on another post, and with another browser: still limited
  const other = new Client(srv.base, { ip: c.ip });
  const r2 = await comment(other, { namn: 'Flitig', epost: 'ny@example.org', kommentar: `Annan ${rand()}` }, '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022');
  assert.equal(r2.status, 429);
  const pending = await pendingComments(comm);
  for (const t of texts) assert.ok(pending.some((p) => p.html.includes(t)), `${t} was lost`);
  assert.ok(!pending.some((p) => p.html.includes(sixth)), 'the sixth comment was stored');
  // another address is not affected
  const fresh = new Client(srv.base);
  assert.equal((await comment(fresh, { namn: 'Annan', epost: 'annan@example.org', kommentar: `Hej ${rand()}` })).status, 303);
});

test('behind a proxy, a made-up X-Forwarded-For in front of the proxy\'s entry does not dodge the limit', async () => {
  // A proxy such as nginx with $proxy_add_x_forwarded_for appends the
  // address it saw; what comes before it is whatever the client sent.
  const real = `10.252.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const statuses = [];
  for (let i = 1; i <= 6; i++) {
    const c = new Client(srv.base, { ip: `192.0.2.${i}, ${real}` });
    const r = await comment(c, { namn: 'Listig', epost: 'listig@example.org', kommentar: `Förfalskad adress ${i} ${rand()}` });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429],
    'the client chose its own address: the rate limit follows the first X-Forwarded-For entry, not the proxy\'s');
});

test('sending the same comment form twice stores one comment', async () => {
  const c = new Client(srv.base);
  const page = await c.get(POST);
  const fields = hiddenFields(page.text, ACTION);
  const text = `Dubbelklick ${rand()}`;
  const body = { ...fields, namn: 'Dubbel', epost: 'dubbel@example.org', kommentar: text };
  const a = await c.postRaw(ACTION, body);
  const b = await c.postRaw(ACTION, body);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  const n = (await pendingComments(comm)).filter((p) => p.html.includes(text)).length;
  assert.equal(n, 1, `the comment was stored ${n} times`);
});

test('HTML and script in the name and the text come back escaped, at /redaktion and on the page', async () => {
  const c = new Client(srv.base);
  const x = `<script>alert("k")</script><img src=x onerror=alert(1)> ${rand()}`;
  const r = await comment(c, { namn: `Namn ${x}`.slice(0, 80), epost: 'html@example.org', kommentar: `Text ${x}\n\n<a href="javascript:alert(1)">länk</a>` });
  assert.equal(r.status, 303);
  const desk = await comm.get('/redaktion');
  assertNoActiveContent(desk.text, 'at /redaktion');
  await moderate(comm, `Text ${x}`);
  const page = await c.get(POST);
  assertNoActiveContent(page.text, 'on the post page');
  assert.ok(page.text.includes(escapeHtml(`Text ${x}`)));
  const bad = await comment(c, { namn: x.slice(0, 60), epost: '"><script>alert(1)</script>@x.se', kommentar: x });
  assert.equal(bad.status, 400);
  assertNoActiveContent(bad.text, 'on the refused form');
});

test('comments on unknown posts are 404; the server keeps serving after bad input', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf(POST, ACTION);
  assertErrorPage(await c.postRaw('/nyheter/finns-inte/kommentera', { _csrf: token, namn: 'A', epost: 'a@example.org', kommentar: 'x' }), 404);
  for (const [body, status] of [['%FF=1', 400], [`_csrf=${token}&${'f='.repeat(600)}`, 400], [`_csrf=${token}&namn`, 400],
    [`_csrf=${token}&&&&`, 400], [`_csrf=${token}&namn=%`, 400], [`_csrf=${token}&namn=%G1`, 400]]) {
    const r = await c.postBody(ACTION, body);
    assert.equal(r.status, status, `${body.slice(0, 40)}: ${r.status}`);
    assert.match(r.text, /<html lang="sv">/);
  }
  await assertHealthy(srv.base);
});

test('no e-mail address of a commenter or user appears on any public page or in the feed', async () => {
  const visitors = [new Client(srv.base), await signedIn(srv, 'ungdom@example.org')];
  const pages = new Set(['/', '/nyheter', '/nyheter?sida=2', '/nyheter.atom', '/organisationer', '/tillganglighet', '/integritet',
    '/registrera', '/logga-in', '/finns-inte']);
  const anon = visitors[0];
  for (const s of postSlugs((await anon.get('/nyheter')).text)) pages.add(`/nyheter/${s}`);
  for (const s of orgSlugs((await anon.get('/organisationer')).text)) pages.add(`/organisationer/${s}`);
  assert.ok(pages.size > 25);
  const emailRe = /[A-Za-z0-9._%+-]+(@|&#64;|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
  for (const v of visitors) {
    for (const p of pages) {
      const r = await v.get(p);
      const found = (r.text.match(emailRe) || []).filter((e) => !(v !== anon && e === 'ungdom@example.org'));
      assert.deepEqual(found, [], `${p} shows e-mail addresses`);
      for (const e of usedEmails) assert.ok(!r.text.toLowerCase().includes(e), `${p} shows ${e}`);
    }
  }
});

test('a post with many comments shows them 50 a page (?sida=N), oldest first, with links between the pages', async () => {
  // 120 approved comments, older than any other, on a published post other than POST
  const id = sqlInt(srv, `SELECT id FROM posts WHERE status = 'publicerad' AND slug <> '${SLUG}' ORDER BY id DESC LIMIT 1`);
  const slug = sql(srv, [`SELECT slug FROM posts WHERE id = ${id}`]).trim();
  sql(srv, [
    `INSERT INTO comments(post_id, name, email, body, status, client_hash, created_at)
     WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 120)
     SELECT ${id}, 'Sidläsare ' || k, 'sida' || k || '@example.org', 'Sidkommentar nummer ' || k, 'godkand', 'test', 1000 + k FROM n`,
    `UPDATE posts SET comment_count = (SELECT COUNT(*) FROM comments WHERE post_id = ${id} AND status = 'godkand') WHERE id = ${id}`,
    // a write by hand: on PostgreSQL the page cache learns of it from the content version
    // (SQLite's data_version sees another connection's writes by itself)
    ...(srv.kind === 'pg' ? ["SELECT nextval('content_version_seq')"] : []),
  ]);
  const total = sqlInt(srv, `SELECT comment_count FROM posts WHERE id = ${id}`);
  assert.ok(total >= 120 && total <= 150, `comment_count ${total}`);
  const pages = Math.ceil(total / 50);
  const c = new Client(srv.base);
  const url = `/nyheter/${slug}`;
  const shown = (html) => [...html.matchAll(/<p>Sidkommentar nummer (\d+)<\/p>/g)].map((m) => Number(m[1]));

  let r = await c.get(url);
  assert.equal(r.status, 200);
  assert.equal(shownComments(r.text), String(total), 'the heading counts every approved comment');
  assert.deepEqual(shown(r.text), Array.from({ length: 50 }, (_, i) => i + 1), 'page 1: comments 1-50');
  assert.match(r.text, new RegExp(`<nav class="pager" aria-label="Sidor med kommentarer">[\\s\\S]*?<a href="/nyheter/${slug}\\?sida=2#kommentarer" rel="next">Fler kommentarer</a>`));
  assert.doesNotMatch(r.text, /rel="prev"/);
  assert.match(r.text, new RegExp(`Sida 1 av ${pages}<`));

  r = await c.get(`${url}?sida=2`);
  assert.equal(r.status, 200);
  assert.deepEqual(shown(r.text), Array.from({ length: 50 }, (_, i) => i + 51), 'page 2: comments 51-100');
  assert.match(r.text, /<ol class="comments" start="51">/, 'the list numbers on from 51');
  assert.match(r.text, new RegExp(`<a href="/nyheter/${slug}\\?sida=1#kommentarer" rel="prev">Föregående kommentarer</a>`));
  assert.match(r.text, new RegExp(`<a href="/nyheter/${slug}\\?sida=3#kommentarer" rel="next">`));
  assert.match(r.text, /name="kommentar"/, 'the comment form is on every page');

  r = await c.get(`${url}?sida=${pages}`);
  assert.equal(r.status, 200);
  assert.ok(shown(r.text).includes(120), 'the last page has comment 120');
  assert.doesNotMatch(r.text, /rel="next"/);

  // beyond the last page: 404 (like the lists); not a page number: 400
  assertErrorPage(await c.get(`${url}?sida=${pages + 1}`), 404, 'beyond the last page');
  for (const bad of ['abc', '0', '-1', '2x', '']) {
    assertErrorPage(await c.get(`${url}?sida=${bad}`), 400, `?sida=${bad}`);
  }
  // a post without comments has its one (empty) page
  assert.equal((await c.get(`${POST}?sida=1`)).status, 200);
  await assertHealthy(srv.base);
});
