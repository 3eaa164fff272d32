// Issue 4, for everyone and for no one else: only coordinators change
// meetings, agendas, minutes, action items, activities and suggestions
// (others get 403, anonymous visitors are sent to sign in); residents
// suggest topics without an account (CSRF still required, a honeypot, a
// rate limit, moderated: nothing shows until a coordinator approves it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, hiddenFields } from '../lib/client.mjs';
import { assertNoActiveContent } from '../lib/http.mjs';
import {
  APR, EMAIL, G, GROUP, MAR, MAY, addAction, saveMinutes, assertRefused, batchUnchanged, newMeeting, parseIcs, csrfIn, escapeHtml, excerpt, itemId, mainOf, signedIn, sql, sqlInt,
  startGroupServer, suggest, textOf, unchanged,
} from './group_helpers.mjs';

let srv;
let k;
let anon;

before(async () => {
  srv = await startGroupServer();
  k = await signedIn(srv, EMAIL.koordinator);
  anon = new Client(srv.base);
});

after(async () => {
  await srv?.stop();
});

const COORD_PAGES = [`/grupper/${GROUP}/nytt-mote`, `/moten/${APR}/redigera`, `/moten/${APR}/dagordning`, `/moten/${APR}/protokoll`,
  `/grupper/${GROUP}/forslag`, '/aktiviteter/ny', '/aktiviteter/3/redigera'];

function coordPosts() {
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  const action = sqlInt(srv, "SELECT id FROM action_items WHERE what LIKE 'Helsam ska göra en kartläggning%'");
  return [
    [`/grupper/${GROUP}/nytt-mote`, { datum: '2022-06-13', start: '13:30', slut: '15:30', tema: 'Obehörigt möte' }],
    [`/moten/${APR}/redigera`, { datum: '2022-04-25', start: '10:00', slut: '11:00', tema: 'Kapat' }],
    [`/moten/${APR}/dagordning`, { atgard: 'punkt', del: 'punkt', rubrik: 'Obehörig punkt' }],
    [`/moten/${APR}/dagordning`, { atgard: 'aktivitet', aktivitet: '3' }],
    [`/moten/${APR}/dagordning`, { atgard: 'ta-bort', punkt: String(item) }],
    [`/moten/${APR}/dagordning`, { atgard: 'upp', punkt: String(item) }],
    [`/moten/${APR}/protokoll`, { version: '1', [`text-${item}`]: 'Obehörigt protokoll', [`saknas-${item}`]: '1', narvaro: '' }],
    [`/moten/${APR}/publicera`, {}],
    [`/moten/${APR}/atgarder`, { agare: 'Någon', vad: 'Obehörig åtgärd' }],
    [`/atgarder/${action}/klar`, { mote: String(APR) }],
    [`/grupper/${GROUP}/forslag/1`, { beslut: 'godkand' }],
    ['/aktiviteter/ny', { titel: 'Obehörig aktivitet', status: 'planerad' }],
    ['/aktiviteter/3/redigera', { titel: 'Kapad aktivitet', status: 'installd' }],
  ];
}

test('anonymous visitors are sent to sign in for the coordinators\' pages and refused on every change', async () => {
  for (const p of COORD_PAGES) {
    const r = await anon.get(p);
    assert.equal(r.status, 303, `${p}: ${r.status}`);
    assert.equal(r.location, `/logga-in?nasta=${encodeURIComponent(p)}`, `${p} → ${r.location}`);
  }
  // with a real anonymous CSRF token, and without one
  const token = csrfIn((await anon.get(`/grupper/${GROUP}/foresla-tema`)).text);
  await unchanged(srv, 'anonymous POSTs', async () => {
    for (const [path, fields] of coordPosts()) {
      for (const withToken of [true, false]) {
        const r = await anon.postRaw(path, withToken ? { _csrf: token, ...fields } : fields);
        assert.equal(r.status, 403, `${path} (token ${withToken}): ${excerpt(r)}`);
      }
    }
  });
});

test('signed-in people who are not coordinators get 403 on the coordinators\' pages and every change; nothing changes', async () => {
  for (const who of [EMAIL.forening, EMAIL.ungdom, EMAIL.admin]) {
    const c = await signedIn(srv, who);
    for (const p of COORD_PAGES) {
      const r = await c.get(p);
      assert.equal(r.status, 403, `${who} GET ${p}: ${r.status}`);
      assert.match(r.text, /<h1>Åtkomst nekad<\/h1>/);
    }
    const token = csrfIn((await c.get('/aktiviteter')).text);
    await unchanged(srv, `${who}'s POSTs`, async () => {
      for (const [path, fields] of coordPosts()) {
        const r = await c.postRaw(path, { _csrf: token, ...fields });
        assert.equal(r.status, 403, `${who} POST ${path}: ${excerpt(r)}`);
      }
    });
    // and sees no coordinator tools
    const m = await c.get(`/moten/${APR}`);
    assert.doesNotMatch(mainOf(m.text), /För koordinatorer|\/publicera"|\/redigera"|\/dagordning"|\/protokoll"/, `${who} sees coordinator tools`);
    const g = await c.get(`/grupper/${GROUP}`);
    assert.doesNotMatch(mainOf(g.text), /nytt-mote|\/forslag"/);
    const a = await c.get('/aktiviteter/3');
    assert.doesNotMatch(mainOf(a.text), /\/redigera"/);
  }
  // a coordinator does see them
  const m = await k.get(`/moten/${APR}`);
  assert.match(m.text, /För koordinatorer/);
  // the publish button shows once minutes are saved (status held); the tools are there
  assert.match(m.text, new RegExp(`href="/moten/${APR}/protokoll"`));
});

test('a CSRF token of one person does not work for another; a coordinator\'s change without a token is refused', async () => {
  const f = await signedIn(srv, EMAIL.forening);
  const foreign = csrfIn((await f.get('/aktiviteter')).text);
  const r = await unchanged(srv, 'coordinator with someone else\'s token', () => k.postRaw(`/moten/${APR}/atgarder`, { _csrf: foreign, agare: 'X', vad: 'Y' }));
  assert.equal(r.status, 403);
  const none = await unchanged(srv, 'coordinator without a token', () => k.postRaw(`/moten/${APR}/publicera`, {}));
  assert.equal(none.status, 403);
});

// ---- topic suggestions ----

test('a resident suggests a topic without an account; it is not shown until a coordinator approves it', async () => {
  const page = `/grupper/${GROUP}/foresla-tema`;
  const form = await anon.get(page);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Föreslå ett tema<\/h1>/);
  assert.match(form.text, /du behöver inget konto/);
  assert.match(form.text, /<div class="hp" aria-hidden="true">[\s\S]*?name="webbplats" tabindex="-1"/, 'no honeypot');
  const r = await suggest(anon, { tema: 'Hur når vi äldre som inte använder internet?', namn: 'Britt Åkesson' });
  assert.equal(r.status, 303, excerpt(r));
  assert.equal(r.location, `/grupper/${GROUP}`);
  const g = await anon.get(`/grupper/${GROUP}`);
  assert.ok(g.text.includes(G.suggestionReceived), 'no thank-you message');
  assert.doesNotMatch(g.text, /Hur når vi äldre/, 'shown before moderation');
  assert.equal(sql(srv, ["SELECT name, text, status FROM topic_suggestions ORDER BY id"]).trim(),
    'Britt Åkesson|Hur når vi äldre som inte använder internet?|vantar');
  // the coordinator sees it waiting and approves it
  const list = await k.get(`/grupper/${GROUP}/forslag`);
  assert.equal(list.status, 200);
  assert.match(textOf(mainOf(list.text)), /Britt Åkesson Hur når vi äldre som inte använder internet\?/);
  const id = sqlInt(srv, 'SELECT MAX(id) FROM topic_suggestions');
  const action = `/grupper/${GROUP}/forslag/${id}`;
  const ok = await k.postRaw(action, { ...hiddenFields(list.text, action), beslut: 'godkand' });
  assert.equal(ok.status, 303, excerpt(ok));
  const after1 = await anon.get(`/grupper/${GROUP}`);
  const topics = after1.text.match(/<h2>Förslag på teman från invånare<\/h2>\n<ul>([\s\S]*?)<\/ul>/);
  assert.ok(topics, 'the approved suggestion is not on the group page');
  assert.match(topics[1], /<li>Hur når vi äldre som inte använder internet\?<\/li>/);
  assert.doesNotMatch(topics[1], /Britt Åkesson/, 'the resident\'s name is published');
  const empty = await k.get(`/grupper/${GROUP}/forslag`);
  assert.match(empty.text, /Inga förslag väntar\./);
});

test('a rejected suggestion is never shown; deciding twice changes nothing and says so', async () => {
  const r = await suggest(anon, { tema: 'Reklam för min firma' });
  assert.equal(r.status, 303);
  const id = sqlInt(srv, 'SELECT MAX(id) FROM topic_suggestions');
  const list = await k.get(`/grupper/${GROUP}/forslag`);
  const action = `/grupper/${GROUP}/forslag/${id}`;
  assert.match(list.text, /Anonymt förslag/);
  const no = await k.postRaw(action, { ...hiddenFields(list.text, action), beslut: 'avvisad' });
  assert.equal(no.status, 303);
  assert.doesNotMatch((await anon.get(`/grupper/${GROUP}`)).text, /Reklam för min firma/);
  const token = csrfIn((await k.get(`/grupper/${GROUP}/forslag`)).text);
  const again = await unchanged(srv, 'approving a rejected suggestion', () => k.postRaw(action, { _csrf: token, beslut: 'godkand' }));
  assert.equal(again.status, 303);
  const msg = textOf(mainOf((await k.get(again.location)).text));
  assert.doesNotMatch((await anon.get(`/grupper/${GROUP}`)).text, /Reklam för min firma/);
  assert.match(msg, /redan/, 'no message that it was already decided');
  assert.match(msg, /[Ff]örslaget/, `the message talks about something else than the suggestion: "${msg.slice(0, 200)}"`);
  await batchUnchanged(srv, 'refusals 1', async () => {
    for (const beslut of ['', 'kanske', 'GODKAND']) {
      const bad = await unchanged(srv, `beslut=${beslut}`, () => k.postRaw(action, { _csrf: token, beslut }));
      assert.equal(bad.status, 400);
    }
  });
  const other = await unchanged(srv, 'a suggestion that does not exist', () => k.postRaw(`/grupper/${GROUP}/forslag/999999`, { _csrf: token, beslut: 'godkand' }));
  assert.equal(other.status, 404);
});

test('suggesting needs the CSRF token, like every form', async () => {
  const c = new Client(srv.base);
  await c.get(`/grupper/${GROUP}/foresla-tema`);
  const r = await unchanged(srv, 'suggestion without a token', () => c.postRaw(`/grupper/${GROUP}/foresla-tema`, { tema: 'Utan token' }));
  assert.equal(r.status, 403);
  const wrong = await unchanged(srv, 'suggestion with a made-up token', () => c.postRaw(`/grupper/${GROUP}/foresla-tema`, { _csrf: 'x'.repeat(43), tema: 'Fel token' }));
  assert.equal(wrong.status, 403);
  const other = new Client(srv.base);
  const token = csrfIn((await other.get(`/grupper/${GROUP}/foresla-tema`)).text);
  const stolen = await unchanged(srv, 'suggestion with another browser\'s token', () => c.postRaw(`/grupper/${GROUP}/foresla-tema`, { _csrf: token, tema: 'Lånad token' }));
  assert.equal(stolen.status, 403);
});

test('the honeypot: a filled-in hidden field looks accepted but nothing is stored', async () => {
  const c = new Client(srv.base);
  const r = await unchanged(srv, 'honeypot', () => suggest(c, { tema: 'Köp billiga klockor', webbplats: 'https://spam.example' }));
  assert.equal(r.status, 303);
  assert.equal(r.location, `/grupper/${GROUP}`);
});

test('the rate limit: three suggestions an hour from one connection, the fourth refused with a Swedish message', async () => {
  const c = new Client(srv.base);
  for (let i = 1; i <= 3; i++) assert.equal((await suggest(c, { tema: `Förslag nummer ${i}` })).status, 303);
  const r = await unchanged(srv, 'the fourth suggestion', () => suggest(c, { tema: 'Förslag nummer 4' }));
  assertRefused(r, G.rateLimited, { status: 429, field: 'tema' });
  assert.match(r.text, /Förslag nummer 4<\/textarea>/, 'the text typed is lost');
  // another connection is not affected
  assert.equal((await suggest(new Client(srv.base), { tema: 'Från en annan uppkoppling' })).status, 303);
});

test('empty, over-long, invalid UTF-8 and personal identity numbers are refused with Swedish messages; a double submit stores one', async () => {
  const c = new Client(srv.base);
  await batchUnchanged(srv, 'refusals 2', async () => {
    for (const [f, msg, field] of [[{ tema: '' }, G.required, 'tema'], [{ tema: '   \n ' }, G.required, 'tema'], [{ tema: 'ö'.repeat(2001) }, G.tooLong, 'tema'],
      [{ namn: 'N'.repeat(200) }, G.tooLong, 'namn'], [{ tema: 'Ring mig, 19811218-9876' }, G.pnr, 'tema'], [{ tema: 'A\u0000B' }, null, null]]) {
      const r = await unchanged(srv, `suggestion ${JSON.stringify(f).slice(0, 60)}`, () => suggest(c, { namn: 'Britt', ...f }));
      if (msg) assertRefused(r, msg, { field });
      else assert.equal(r.status, 400, excerpt(r));
    }
  });
  const page = `/grupper/${GROUP}/foresla-tema`;
  const token = csrfIn((await c.get(page)).text);
  const bad = await unchanged(srv, 'invalid UTF-8 suggestion', () => c.postBody(page, `_csrf=${token}&tema=%C3%28%FF&namn=`));
  assertRefused(bad, G.encoding, { field: 'tema' });
  // exactly 2000 characters is fine; the same form twice stores one
  const form = await c.get(page);
  const fields = { ...hiddenFields(form.text, page), tema: 'å'.repeat(2000), namn: '', webbplats: '' };
  const before1 = sqlInt(srv, 'SELECT COUNT(*) FROM topic_suggestions');
  assert.equal((await c.postRaw(page, fields)).status, 303);
  assert.equal((await c.postRaw(page, fields)).status, 303);
  assert.equal(sqlInt(srv, 'SELECT COUNT(*) FROM topic_suggestions'), before1 + 1, 'a double submit stored two suggestions');
  const missing = await new Client(srv.base).get('/grupper/finns-inte/foresla-tema');
  assert.equal(missing.status, 404);
});

test('HTML and script in a suggestion come back escaped for the coordinator and on the group page', async () => {
  const x = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  assert.equal((await suggest(new Client(srv.base), { tema: `Tema ${x}`, namn: `Namn ${x}` })).status, 303);
  const list = await k.get(`/grupper/${GROUP}/forslag`);
  assertNoActiveContent(list.text);
  assert.ok(list.text.includes(`Tema ${escapeHtml(x)}`));
  assert.ok(list.text.includes(`Namn ${escapeHtml(x)}`));
  const id = sqlInt(srv, "SELECT id FROM topic_suggestions WHERE text LIKE 'Tema <script>%'");
  const action = `/grupper/${GROUP}/forslag/${id}`;
  assert.equal((await k.postRaw(action, { ...hiddenFields(list.text, action), beslut: 'godkand' })).status, 303);
  const g = await anon.get(`/grupper/${GROUP}`);
  assertNoActiveContent(g.text);
  assert.ok(g.text.includes(`Tema ${escapeHtml(x)}`));
});

test('a published meeting\'s minutes stay readable for everyone; the coordinators\' pages of a published meeting stay closed to others', async () => {
  const r = await anon.get(`/moten/${MAR}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h2 id="protokoll">Protokoll<\/h2>/);
  const u = await signedIn(srv, EMAIL.ungdom);
  assert.equal((await u.get(`/moten/${MAR}/protokoll`)).status, 403);
});

test('the iCalendar feed around the summer-time changes, and text with commas, semicolons, backslashes and line breaks', async () => {
  const theme = 'Å, Ä; Ö \\ "citat" – sista söndagen';
  const ids = {};
  for (const [d, t] of [['2022-03-26', '13:30'], ['2022-03-27', '13:30'], ['2022-10-29', '13:30'], ['2022-10-30', '13:30'], ['2022-03-27', '01:00']]) {
    ids[`${d} ${t}`] = await newMeeting(k, { datum: d, start: t, slut: t === '01:00' ? '03:30' : '15:30', tema: theme, plats: 'Café Ängeln; Söder',
      adress: 'Håkan Lundbergs gata 17, Helsingborg', digitalt: 'Webex\nRing 042-10 50 00 om du inte kommer in' });
  }
  const body = Buffer.from(await (await fetch(`${srv.base}/grupper/${GROUP}/moten.ics`)).arrayBuffer());
  const cal = parseIcs(body);
  assert.deepEqual(cal.errors, []);
  const ev = (id) => cal.events.find((e) => e.url.endsWith(`/moten/${id}`));
  const want = { '2022-03-26 13:30': '+01:00', '2022-03-27 13:30': '+02:00', '2022-10-29 13:30': '+02:00', '2022-10-30 13:30': '+01:00' };
  for (const [k2, off] of Object.entries(want)) {
    const e = ev(ids[k2]);
    const [d, t] = k2.split(' ');
    assert.equal(e.start, `${d}T${t}:00${off}`, k2);
    assert.equal(e.vtzStart, `${d}T${t}:00${off}`, `${k2}: the feed's own VTIMEZONE`);
    assert.equal(e.summary, `Gemensam utvecklingsgrupp: ${theme}`);
    assert.equal(e.location, 'Café Ängeln; Söder, Håkan Lundbergs gata 17, Helsingborg');
    assert.match(e.description, /Webex\nRing 042-10 50 00 om du inte kommer in/);
  }
  // 01:00–03:30 on the night the clocks go forward: starts in winter time, ends in summer time
  const night = ev(ids['2022-03-27 01:00']);
  assert.equal(night.start, '2022-03-27T01:00:00+01:00');
  assert.equal(night.end, '2022-03-27T03:30:00+02:00');
});

test('what unpublished minutes say stays out of the next agenda for everyone but coordinators', async () => {
  // 25 April: its minutes are not published; an action item raised there, a report marked missing
  const secret = `Hemlig åtgärd ${Date.now()}`;
  assert.equal((await addAction(k, APR, { owner: 'Socialförvaltningen', what: secret })).status, 303);
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  assert.equal((await saveMinutes(k, APR, { items: { [item]: { missing: true } } })).status, 303);
  const pub = await anon.get(`/moten/${MAY}`);
  assert.equal(pub.status, 200);
  assert.ok(!pub.text.includes(secret), 'an action item of unpublished minutes is public on the next agenda');
  assert.doesNotMatch(textOf(mainOf(pub.text)), /saknades på mötet[^.]*25 april 2022/, 'a missing report of unpublished minutes is public');
  assert.ok(!(await anon.get(`/moten/${MAY}/utskrift`)).text.includes(secret), 'the print view shows it');
  // the coordinators see both
  const inside = await k.get(`/moten/${MAY}`);
  assert.ok(inside.text.includes(secret));
});
