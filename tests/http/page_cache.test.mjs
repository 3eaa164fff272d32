// The anonymous page cache (src/http/pcache.c, issue 14): two server
// processes on one database (SQLite or PostgreSQL, SAMSKAP_TEST_DB), each
// with its own cache.  Every page is first served from the cache on both
// (X-Cache: hit, test mode only), then a write is made on one process, and
// the very next anonymous request on every page that shows it, on both
// processes, shows the change.  Nothing personal — a signed-in person's
// name, token or flash message — ever reaches another client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { escapeHtml, moderate, rand, signedIn } from '../lib/http.mjs';
import { EMAIL, OPEN, decide, newIdea, personWithRole, startCallsServer, toReview } from './calls_helpers.mjs';
import { createEvent, dayFromNow, link, mailTo, press, register, secondServer } from './events_helpers.mjs';
import { addFree, itemId, minutesForm, newMeeting, publish, saveMinutes } from './group_helpers.mjs';

const POST = '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022';
let srv;
let srv2;
let bases;

before(async () => {
  srv = await startCallsServer({ env: { SAMSKAP_TEST_MODE: '1' } });
  srv2 = await secondServer(srv);
  bases = [srv.base, srv2.base];
});
after(async () => {
  try { await srv2?.stop(); } finally { await srv?.stop(); }
});

async function anon(base, path, headers = {}) {
  const res = await fetch(base + path, { headers, redirect: 'manual' });
  return { status: res.status, text: await res.text(), cache: res.headers.get('x-cache'),
    etag: res.headers.get('etag'), cookie: res.headers.get('set-cookie') };
}

/** Asks until the page comes from the cache (the key holds the second, so
 *  a few tries at most); proves the cache is used for it. */
async function warm(base, path) {
  for (let i = 0; i < 20; i++) {
    const r = await anon(base, path);
    if (r.cache === 'hit') return r;
  }
  assert.fail(`${base}${path} never came from the cache`);
}

async function warmAll(paths) {
  for (const b of bases) for (const p of paths) await warm(b, p);
}

/** The first anonymous request after a write, on both processes. */
async function firstAfter(paths) {
  const out = [];
  for (const b of bases) for (const p of paths) out.push({ where: `${b}${p}`, ...(await anon(b, p)) });
  return out;
}

test('pages come from the cache; ETag and 304; HEAD; a form keeps the page cacheable with each visitor\'s own token', async () => {
  for (const p of ['/', '/nyheter', '/nyheter.atom', '/projekt']) {
    const h = await warm(srv.base, p);
    assert.equal(h.status, 200);
    assert.ok(h.etag, `no ETag on ${p}`);
    // a page with a form carries the visitor's token: its ETag is the
    // visitor's, so the repeat visit sends the visitor's cookie
    const cookie = h.cookie ? { Cookie: h.cookie.split(';')[0] } : {};
    const again = await anon(srv.base, p, { ...cookie, 'If-None-Match': h.etag });
    assert.equal(again.status, 304, `If-None-Match on ${p}`);
    assert.equal(again.text, '');
    const other = await anon(srv.base, p, { ...cookie, 'If-None-Match': '"nope"' });
    assert.equal(other.status, 200);
    if (h.cookie) {
      const stranger = await anon(srv.base, p, { 'If-None-Match': h.etag });
      assert.equal(stranger.status, 200, 'another visitor matched the first one\'s ETag');
    }
  }
  const head = await fetch(srv.base + '/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  // the post page has the comment form: two visitors, two tokens, from the cache
  const a = await warm(srv.base, POST);
  const b = await warm(srv.base, POST);
  const tok = (r) => r.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  assert.ok(tok(a) && tok(b), 'no token on the post page');
  assert.notEqual(tok(a), tok(b), 'two visitors without cookies got the same token');
  assert.match(a.cookie || '', /csrf=/, 'a new visitor gets no csrf cookie from a cached page');
  assert.doesNotMatch(a.text, /pcsrf[0-9a-f]{32}|ponce[0-9a-f]{32}/, 'a placeholder leaked');
  // the comment form's one-time key is fresh in every response, and such a
  // page has no ETag (a 304 would bring back a key already used)
  const once = (r) => r.text.match(/name="_once" value="([^"]+)"/)?.[1];
  assert.ok(once(a) && once(b));
  assert.notEqual(once(a), once(b), 'two responses from the cache share a one-time key');
  assert.equal(a.etag, null, 'a page with a one-time key has an ETag');
  // a visitor who has the cookie keeps the same token, and a comment posted with it works
  const c = new Client(srv.base);
  const first = await c.get(POST);
  const second = await c.get(POST);
  assert.equal(tok({ text: first.text }), tok({ text: second.text }));
});

test('Last-Modified and If-Modified-Since for feed readers: 304 until the feed changes, on both processes', async () => {
  const feed = '/nyheter.atom';
  const dated = async (base) => {
    for (let i = 0; i < 40; i++) { // a page first made in this very second has no date yet
      const r = await fetch(base + feed);
      await r.text();
      if (r.headers.get('last-modified')) return r.headers.get('last-modified');
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.fail(`${base}${feed} never got a Last-Modified`);
  };
  const ims = async (base, date) => (await fetch(base + feed, { headers: { 'If-Modified-Since': date } })).status;
  for (const b of bases) {
    const lm = await dated(b);
    assert.equal(await ims(b, lm), 304, `${b}: If-Modified-Since = Last-Modified`);
    const earlier = new Date(Date.parse(lm) - 1000).toUTCString();
    assert.equal(await ims(b, earlier), 200, `${b}: a copy older than the page`);
    assert.equal((await fetch(b + feed, { headers: { 'If-Modified-Since': lm, 'If-None-Match': '"other"' } })).status, 200,
      'If-None-Match wins over If-Modified-Since');
  }
  const lm = await dated(srv.base);
  const comm = await signedIn(srv, 'kommunikator@example.org');
  const title = `Flödesnyhet ${rand()}`;
  const w = await comm.submit('/nyheter/ny', '/nyheter/ny', { rubrik: title, text: 'Ny i flödet.', status: 'publicerad' });
  assert.equal(w.status, 303);
  for (const b of bases) {
    const r = await fetch(b + feed, { headers: { 'If-Modified-Since': lm } });
    assert.equal(r.status, 200, `${b}: 304 for a feed that changed`);
    assert.ok((await r.text()).includes(escapeHtml(title)));
  }
});

test('a comment approved on one process shows on the post page and the list on both at once', async () => {
  const pages = [POST, '/nyheter', '/'];
  const text = `Cachetest ${rand()}`;
  const guest = new Client(srv2.base);
  const r = await guest.submit(POST, `${POST}/kommentera`, { namn: 'Gästen Cache', epost: `g${rand()}@example.org`, kommentar: text });
  assert.equal(r.status, 303);
  await warmAll(pages);
  const held = await firstAfter([POST]);
  for (const x of held) assert.ok(!x.text.includes(text), `${x.where} shows a comment before moderation`);
  const comm = await signedIn(srv, 'kommunikator@example.org');
  await moderate(comm, text, 'godkand');
  for (const x of await firstAfter([POST])) {
    assert.equal(x.status, 200);
    assert.ok(x.text.includes(escapeHtml(text)), `${x.where}: the approved comment is not shown (stale page)`);
  }
  const counts = new Set((await firstAfter(['/nyheter'])).map((x) => x.text.match(/(\d+) kommentarer/g)?.join(',')));
  assert.equal(counts.size, 1, 'the two processes show different comment counts');
});

test('a post published, edited and taken back: every page that shows it, on both processes, at once', async () => {
  const comm = await signedIn(srv, 'kommunikator@example.org');
  const pages = ['/', '/nyheter', '/nyheter.atom'];
  await warmAll(pages);
  const title = `Cachenyhet ${rand()}`;
  const w = await comm.submit('/nyheter/ny', '/nyheter/ny', { rubrik: title, text: 'Första texten.', status: 'publicerad' });
  assert.equal(w.status, 303);
  const slug = w.location.replace(/^\/nyheter\//, '');
  for (const x of await firstAfter(pages)) assert.ok(x.text.includes(escapeHtml(title)), `${x.where}: the new post is missing`);
  await warmAll([...pages, `/nyheter/${slug}`]);
  const edited = `${title} ändrad`;
  const e = await comm.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`, { rubrik: edited, text: 'Andra texten.', status: 'publicerad' });
  assert.equal(e.status, 303);
  for (const x of await firstAfter([...pages, `/nyheter/${slug}`])) {
    assert.ok(x.text.includes(escapeHtml(edited)), `${x.where}: the edited title is missing (stale page)`);
  }
  for (const x of await firstAfter([`/nyheter/${slug}`])) assert.match(x.text, /Andra texten\./);
  await warmAll([...pages, `/nyheter/${slug}`]);
  const back = await comm.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`, { rubrik: edited, text: 'Andra texten.', status: 'utkast' });
  assert.equal(back.status, 303);
  for (const x of await firstAfter(pages)) assert.ok(!x.text.includes(escapeHtml(edited)), `${x.where}: an unpublished post is still shown`);
  for (const x of await firstAfter([`/nyheter/${slug}`])) assert.equal(x.status, 404, `${x.where}: an unpublished post page is still served`);
});

test('minutes published on one process show on the meeting page on both at once', async () => {
  const k = await signedIn(srv, 'koordinator@example.org');
  const id = await newMeeting(k, { datum: '2022-06-13' });
  assert.equal((await addFree(k, id, 'Cachepunkten')).status, 303);
  const item = itemId(srv, id, 'Cachepunkten');
  const minutes = `Protokolltext ${rand()}`;
  assert.equal((await saveMinutes(k, id, { items: { [item]: { text: minutes } } }, await minutesForm(k, id))).status, 303);
  const page = `/moten/${id}`;
  await warmAll([page]);
  for (const x of await firstAfter([page])) assert.ok(!x.text.includes(minutes), `${x.where}: minutes shown before publishing`);
  await warmAll([page]);
  const p = await publish(k, id);
  assert.equal(p.status, 303, `publish: ${p.status}`);
  for (const x of await firstAfter([page])) assert.ok(x.text.includes(minutes), `${x.where}: the published minutes are missing (stale page)`);
});

test('an event made full by a confirmation on one process shows Fullt on both at once', async () => {
  const k = await signedIn(srv, 'koordinator@example.org');
  const title = `Cacheträffen ${rand()}`;
  const ev = await createEvent(k, { titel: title, datum: dayFromNow(30), platser: '1' });
  const page = `/evenemang/${ev.id}`;
  const email = `cache.${rand()}@exempel.se`;
  const { r } = await register(srv2.base, ev.id, ev.occ[0], email);
  assert.equal(r.status, 303);
  const token = link(await mailTo(srv, email, 'Bekräfta din anmälan'), 'bekrafta');
  await warmAll([page, '/evenemang']);
  for (const x of await firstAfter([page])) assert.doesNotMatch(x.text, /Fullt/, `${x.where}: full before anyone confirmed`);
  await warmAll([page, '/evenemang']);
  const c = new Client(srv.base);
  assert.equal((await press(c, token)).status, 303);
  for (const x of await firstAfter([page])) assert.match(x.text, /Fullt/, `${x.where}: not full after the last place was taken (stale page)`);
});

test('an idea decided on one process shows its decision on both at once', async () => {
  const u = await signedIn(srv, EMAIL.ungdom);
  const k = await signedIn(srv, EMAIL.koordinator);
  const id = await newIdea(u, OPEN);
  await toReview(k, id);
  const page = `/ideer/${id}`;
  await warmAll([page, `/projekt/${OPEN}`]);
  const before = await firstAfter([page]);
  for (const x of before) {
    assert.equal(x.status, 200);
    assert.doesNotMatch(x.text, /class="decision"/, `${x.where}: a decision before deciding`);
  }
  await warmAll([page, `/projekt/${OPEN}`]);
  const motive = `Motivering ${rand()}`;
  const d = await decide(k, id, { meddelande: motive });
  assert.equal(d.status, 303, `decide: ${d.status}`);
  for (const x of await firstAfter([page])) {
    assert.match(x.text, /class="decision"/, `${x.where}: no decision (stale page)`);
    assert.match(x.text, /Beviljad/i, `${x.where}: not granted (stale page)`);
  }
});

test('a held comment rejected on one process never shows; the count of comments stays the same on both', async () => {
  const pages = [POST, '/nyheter'];
  await warmAll(pages);
  const count = async () => new Set((await firstAfter(['/nyheter'])).map((x) => x.text.match(/(\d+) kommentarer/g)?.join(',')));
  const before = await count();
  assert.equal(before.size, 1);
  const text = `Avvisas ${rand()}`;
  const r = await new Client(srv2.base).submit(POST, `${POST}/kommentera`, { namn: 'Gästen Nej', epost: `n${rand()}@example.org`, kommentar: text });
  assert.equal(r.status, 303);
  await warmAll(pages);
  const comm = await signedIn(srv, 'kommunikator@example.org');
  await moderate(comm, text, 'avvisad');
  for (const x of await firstAfter([POST])) assert.ok(!x.text.includes(escapeHtml(text)), `${x.where}: a rejected comment is shown`);
  assert.deepEqual(await count(), before, 'the comment count changed for a rejected comment');
});

test('nothing personal reaches another client: name, session token, flash message', async () => {
  const name = `Hemlig Person ${rand()}`;
  const p = await personWithRole(srv, null, name);
  const pages = ['/', '/nyheter', POST, '/nyheter.atom', '/grupper/gemensam-utvecklingsgrupp', '/projekt'];
  // the person browses (on both processes) and writes something that leaves a flash message
  const onTwo = new Client(srv2.base);
  onTwo.cookies = p.cookies;
  const tokens = new Set();
  for (const c of [p, onTwo]) {
    for (const path of pages) {
      const r = await c.get(path);
      const t = r.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
      if (t) tokens.add(t);
      if (path !== '/nyheter.atom') assert.ok(r.text.includes(escapeHtml(name)) || /Logga ut/.test(r.text), `${path}: not signed in`);
    }
  }
  const text = `Personlig kommentar ${rand()}`;
  const r = await p.submit(POST, `${POST}/kommentera`, { namn: name, epost: p.email, kommentar: text });
  assert.equal(r.status, 303);
  const flashed = await p.get(POST);
  const flash = flashed.text.match(/<div class="flash"[^>]*>([^<]+)<\/div>/)?.[1];
  assert.ok(flash, 'no flash message after commenting');
  for (let round = 0; round < 3; round++) {
    for (const b of bases) {
      for (const path of pages) {
        const x = await anon(b, path);
        assert.ok(!x.text.includes(escapeHtml(name)), `${b}${path}: the signed-in person's name`);
        assert.ok(!x.text.includes(flash), `${b}${path}: the person's flash message`);
        assert.doesNotMatch(x.text, /Logga ut/, `${b}${path}: a signed-in page`);
        for (const t of tokens) assert.ok(!x.text.includes(t), `${b}${path}: the person's CSRF token`);
      }
    }
  }
  // and a signed-in person never gets an anonymous page from the cache
  await warm(srv.base, '/');
  const mine = await p.get('/');
  assert.ok(mine.text.includes(escapeHtml(name)) || /Logga ut/.test(mine.text));
  assert.notEqual(mine.headers?.get?.('x-cache'), 'hit');
});
