// Posts: the paginated list, post pages, the Atom feed, writing in
// Markdown (safely), the preview, and the citizen reporter's drafts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, hiddenFields, inputValue, selectedValue, textareaValue } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertFormError, assertHealthy, assertNoActiveContent, assertSecurityHeaders,
  atomEntries, escapeHtml, postSlugs, rand, signedIn, xmlProblem,
} from '../lib/http.mjs';

let srv;
let anon;
let comm;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  comm = await signedIn(srv, 'kommunikator@example.org');
});
after(async () => { await srv.stop(); });

const DEMO_TITLES = [
  'Gemensam utvecklingsgrupp 21 februari – om delaktighet och samskapande med ungdomar',
  'Gemensam utvecklingsgrupp 21 februari 2022',
  'Gemensam utvecklingsgrupp 21 mars 2022',
];

function listCards(html) {
  return [...html.matchAll(/<li class="card">\n<h2><a href="\/nyheter\/([^"]+)">([^<]+)<\/a><\/h2>/g)]
    .map((m) => ({ slug: m[1], title: m[2] }));
}

async function write(c, fields) {
  const r = await c.submit('/nyheter/ny', '/nyheter/ny', fields);
  assert.equal(r.status, 303, `writing a post failed (${r.status}): ${r.text.match(/<p class="error"[^]*?<\/p>/)?.[0] ?? r.text.slice(0, 300)}`);
  return r.location.replace(/^\/nyheter\//, '');
}

test('the list shows the demo posts, newest first, with Swedish dates', async () => {
  const r = await anon.get('/nyheter');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<h1>Nyheter<\/h1>/);
  const titles = listCards(r.text).map((c) => c.title);
  for (const t of DEMO_TITLES) assert.ok(titles.includes(escapeHtml(t)), `${t} missing`);
  const dates = [...r.text.matchAll(/<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)<\/time>/g)];
  assert.ok(dates.length >= 5);
  const iso = dates.map((d) => d[1]);
  assert.deepEqual([...iso].sort().reverse(), iso, 'not newest first');
  assert.ok(dates.some((d) => d[1] === '2022-02-07' && d[2] === '7 februari 2022'), 'the date is not in Swedish format');
  assert.match(r.text, /2 kommentarer/);
  assert.doesNotMatch(r.text, /Skriv en nyhet/, 'anonymous visitors are offered to write');
  assert.match((await comm.get('/nyheter')).text, /href="\/nyheter\/ny">Skriv en nyhet/);
});

test('a post page shows the rendered Markdown and only approved comments', async () => {
  const r = await anon.get('/nyheter/gemensam-utvecklingsgrupp-21-mars-2022');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Gemensam utvecklingsgrupp 21 mars 2022<\/h1>/);
  assert.match(r.text, /<div class="prose">[\s\S]*<(h2|p)>/);
  assert.match(r.text, /Birgitta/);
  assert.doesNotMatch(r.text, /Kommer pratcaféet ha öppet på sommaren också\?/, 'a pending comment is shown');
  assert.match(r.text, /<h2 id="kommentarer-rubrik">Kommentarer \(1\)<\/h2>/);
  const feb = await anon.get('/nyheter/gemensam-utvecklingsgrupp-21-februari-2022');
  assert.match(feb.text, /Linnea/);
  assert.match(feb.text, /Omar/);
  assert.match(feb.text, /Så fint att ungdomarna själva fick planera julfesten\./);
  assert.match(feb.text, /<h3 id="[^"]*">Julfest i Hasslarp\/Kattarp<\/h3>|<h3>Julfest i Hasslarp\/Kattarp<\/h3>/);
  assertNoActiveContent(feb.text);
});

test('the list is paginated: ?sida=2 holds the rest, a page beyond the end is 404', async () => {
  const made = [];
  for (let i = 1; i <= 7; i++) {
    made.push(await write(comm, { rubrik: `Sidnyhet ${i} ${rand()}`, text: `Text nummer ${i}.`, status: 'publicerad' }));
  }
  const p1 = await anon.get('/nyheter');
  const c1 = listCards(p1.text);
  assert.equal(c1.length, 10, 'page 1 should hold 10 posts');
  assert.equal(c1[0].slug, made[6], 'the newest post is not first');
  assert.match(p1.text, /Sida 1 av 2/);
  assert.match(p1.text, /<a href="\/nyheter\?sida=2" rel="next">Nästa sida<\/a>/);
  assert.doesNotMatch(p1.text, /rel="prev"/);
  const p2 = await anon.get('/nyheter?sida=2');
  assert.equal(p2.status, 200);
  const c2 = listCards(p2.text);
  assert.equal(c2.length, 2);
  assert.match(p2.text, /Sida 2 av 2/);
  assert.match(p2.text, /<a href="\/nyheter\?sida=1" rel="prev">Föregående sida<\/a>/);
  assert.doesNotMatch(p2.text, /rel="next"/);
  const all = [...c1, ...c2].map((c) => c.slug);
  assert.equal(new Set(all).size, 12, 'a post appears on both pages');
  assert.deepEqual(listCards((await anon.get('/nyheter?sida=1')).text), c1, '?sida=1 is not the first page');
  for (const p of ['/nyheter?sida=3', '/nyheter?sida=99', '/nyheter?sida=100000', '/nyheter?sida=9999999999']) {
    assertErrorPage(await anon.get(p), 404, p);
  }
  // every post of the list has its page
  for (const slug of all) assert.equal((await anon.get(`/nyheter/${slug}`)).status, 200, slug);
});

test('the Atom feed is well-formed XML and lists the published posts', async () => {
  const r = await anon.get('/nyheter.atom');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
  assertSecurityHeaders(r);
  assert.equal(xmlProblem(r.text), null, 'the feed is not well-formed XML');
  const entries = atomEntries(r.text);
  const list = [...listCards((await anon.get('/nyheter')).text), ...listCards((await anon.get('/nyheter?sida=2')).text)];
  assert.ok(entries.length >= Math.min(list.length, 20), `the feed has ${entries.length} entries, the list ${list.length}`);
  const titles = entries.map((e) => e.title);
  for (const c of list) assert.ok(titles.includes(c.title.replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"')), `${c.title} is not in the feed`);
  for (const e of entries) {
    assert.match(e.link, /^https?:\/\/[^/]+\/nyheter\/[a-z0-9-]+$/, 'entry links are not absolute');
    assert.ok(e.id && e.content);
  }
  assert.match(r.text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.match(r.text, /<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)<\/updated>/);
  assert.match(r.text, /Gemensam utvecklingsgrupp 21 februari – om delaktighet/, 'å, ä, ö or dashes are mangled');
  const home = await anon.get('/');
  assert.match(home.text, /<link rel="alternate" type="application\/atom\+xml" href="\/nyheter.atom"/);
});

test('a communicator writes a post in Markdown: raw HTML and javascript: links do not come through', async () => {
  const body = [
    '## Rubrik i texten',
    '',
    'Ett stycke med **fetstil** och en [riktig länk](https://example.org/sida).',
    '',
    '<script>alert("skript")</script>',
    '',
    '<img src="x" onerror="alert(1)">',
    '',
    'Inline <b onmouseover="alert(2)">html</b> och <iframe src="https://evil.example"></iframe>',
    '',
    '[klicka](javascript:alert(1)) [versaler](JAVASCRIPT:alert(1)) [vb](vbscript:msgbox(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:alert(3)>',
    '![bild](javascript:alert(4)) [kodad](&#106;avascript:alert(5)) [mellanslag]( javascript:alert(6))',
    '',
    '<style>body{display:none}</style><svg onload=alert(7)>',
  ].join('\n');
  const title = `Säker nyhet ${rand()} & <script>alert(1)</script>`;
  const slug = await write(comm, { rubrik: title, ingress: 'Ingress med <i>taggar</i> & tecken', text: body, status: 'publicerad' });
  const r = await anon.get(`/nyheter/${slug}`);
  assert.equal(r.status, 200);
  assertNoActiveContent(r.text, 'on the post page');
  assert.match(r.text, /<h2 id="rubrik-i-texten">Rubrik i texten<\/h2>/);
  assert.match(r.text, /<strong>fetstil<\/strong>/);
  assert.match(r.text, /<a href="https:\/\/example.org\/sida">riktig länk<\/a>/);
  assert.match(r.text, /<a href="">klicka<\/a>/, 'the javascript: link is not blanked');
  assert.ok(r.text.includes(`<h1>${escapeHtml(title)}</h1>`), 'the title is not escaped');
  assert.doesNotMatch(r.text, /<iframe|<b onmouseover|<style/);
  // in the list, the feed and the editor too
  assertNoActiveContent((await anon.get('/nyheter')).text, 'in the list');
  assertNoActiveContent((await anon.get('/')).text, 'on the home page');
  const feed = await anon.get('/nyheter.atom');
  assert.equal(xmlProblem(feed.text), null);
  const entry = atomEntries(feed.text).find((e) => e.title === title);
  assert.ok(entry, 'the new post is not in the feed');
  assertNoActiveContent(entry.content, 'in the feed content');
  assert.equal(entry.summary, 'Ingress med <i>taggar</i> & tecken');
  const edit = await comm.get(`/nyheter/${slug}/redigera`);
  assert.equal(edit.status, 200);
  assertNoActiveContent(edit.text, 'in the editor');
  assert.equal(textareaValue(edit.text, 'text'), body, 'the Markdown source does not come back as written');
  assert.equal(inputValue(edit.text, 'rubrik'), title);
});

test('the preview shows the rendered text and saves nothing', async () => {
  const title = `Förhandsvisad ${rand()}`;
  const r = await comm.submit('/nyheter/ny', '/nyheter/ny',
    { rubrik: title, ingress: 'Kort ingress', text: '## Mellanrubrik\n\nText <script>alert(1)</script>', status: 'publicerad', forhandsgranska: '1' });
  assert.equal(r.status, 200);
  assert.match(r.text, /<h2 id="forhands">Förhandsgranskning<\/h2>/);
  assert.match(r.text, /<section class="preview"[\s\S]*<h2>Mellanrubrik<\/h2>/);
  assertNoActiveContent(r.text, 'in the preview');
  assert.equal(inputValue(r.text, 'rubrik'), title);
  assert.equal(inputValue(r.text, 'ingress'), 'Kort ingress');
  assert.equal(textareaValue(r.text, 'text'), '## Mellanrubrik\n\nText <script>alert(1)</script>');
  assert.equal(selectedValue(r.text, 'status'), 'publicerad');
  assert.ok(hiddenFields(r.text, '/nyheter/ny')._once, 'the previewed form cannot be saved once');
  assert.ok(!(await comm.get('/redaktion')).text.includes(title), 'the preview was saved as a draft');
  assert.ok(!(await anon.get('/nyheter')).text.includes(title), 'the preview was published');
  // saving from the previewed form works
  const saved = await comm.postRaw('/nyheter/ny', { ...hiddenFields(r.text, '/nyheter/ny'), rubrik: title, text: 'Sparad.', status: 'utkast' });
  assert.equal(saved.status, 303);
});

test('a citizen reporter can only save drafts, which the public cannot see until a communicator publishes', async () => {
  const rep = await signedIn(srv, 'reporter@example.org');
  const form = await rep.get('/nyheter/ny');
  assert.equal(form.status, 200);
  assert.match(form.text, /Din text sparas som utkast\. En kommunikatör läser den och publicerar\./);
  assert.equal(selectedValue(form.text, 'status'), undefined, 'a reporter is offered to publish');
  const title = `Reporterns text ${rand()}`;
  const slug = await write(rep, { rubrik: title, text: 'Från **Söder**.', status: 'publicerad' });

  assertErrorPage(await anon.get(`/nyheter/${slug}`), 404, 'a draft is public');
  const youth = await signedIn(srv, 'ungdom@example.org');
  assertErrorPage(await youth.get(`/nyheter/${slug}`), 404, 'another user sees a draft');
  assert.ok(!(await anon.get('/nyheter')).text.includes(title), 'the draft is in the list');
  assert.ok(!(await anon.get('/nyheter.atom')).text.includes(title), 'the draft is in the feed');
  assert.ok(!(await anon.get('/')).text.includes(title), 'the draft is on the home page');
  const own = await rep.get(`/nyheter/${slug}`);
  assert.equal(own.status, 200);
  assert.match(own.text, /<strong class="tag[^"]*">Utkast<\/strong>/);
  assert.doesNotMatch(own.text, /Skriv en kommentar/, 'drafts take comments');
  const anonToken = await anon.csrf('/registrera', '/registrera');
  const c = await anon.postRaw(`/nyheter/${slug}/kommentera`, { _csrf: anonToken, namn: 'A', epost: 'a@example.org', kommentar: 'hej' });
  assertErrorPage(c, 404, 'commenting on a draft');

  // the reporter may change the own draft, still not publish it
  const e = await rep.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`, { rubrik: title, text: 'Ändrad av reportern.', status: 'publicerad' });
  assert.equal(e.status, 303);
  assertErrorPage(await anon.get(`/nyheter/${slug}`), 404, 'the reporter published by editing');

  const desk = await comm.get('/redaktion');
  assert.ok(desk.text.includes(`<a href="/nyheter/${slug}">${title}</a>`), 'the draft is not on the editorial desk');
  const pub = await comm.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`,
    { rubrik: title, text: 'Ändrad av reportern.', status: 'publicerad' });
  assert.equal(pub.status, 303);
  const page = await anon.get(`/nyheter/${slug}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Nils Berg/, 'the reporter is not named as the author');
  assert.match(page.text, /Ändrad av reportern\./);
  assert.ok((await anon.get('/nyheter')).text.includes(title));
  assert.ok(atomEntries((await anon.get('/nyheter.atom')).text).some((x) => x.title === title));
  assertErrorPage(await rep.get(`/nyheter/${slug}/redigera`), 403, 'a reporter edits a published post');
  const token = await rep.csrf('/nyheter/ny', '/nyheter/ny');
  assertErrorPage(await rep.postRaw(`/nyheter/${slug}/redigera`, { _csrf: token, rubrik: 'Kapad', text: 'x' }), 403);
  assert.ok((await anon.get(`/nyheter/${slug}`)).text.includes(title));
});

test('only communicators, reporters and administrators may write', async () => {
  for (const email of ['ungdom@example.org', 'forening@example.org', 'koordinator@example.org', 'klarsprak@example.org']) {
    const c = await signedIn(srv, email);
    assertErrorPage(await c.get('/nyheter/ny'), 403, email);
    const token = await c.csrf('/konto', '/logga-ut');
    assertErrorPage(await c.postRaw('/nyheter/ny', { _csrf: token, rubrik: 'Obehörig', text: 'x', status: 'publicerad' }), 403, email);
    assertErrorPage(await c.get('/nyheter/gemensam-utvecklingsgrupp-21-mars-2022/redigera'), 403, email);
    if (email === 'koordinator@example.org') {
      // the desk shows a coordinator the topic suggestions that wait (issue 8), not drafts or comments
      const desk = await c.get('/redaktion');
      assert.equal(desk.status, 200);
      assert.ok(!desk.text.includes('/nyheter/ny'), 'a coordinator is offered to write a post');
      assert.ok(!desk.text.includes('/redaktion/kommentarer/'), 'a coordinator is offered to moderate comments');
    } else if (email === 'klarsprak@example.org') {
      // issue 12: a plain-language reviewer's desk is the texts waiting for review
      const desk = await c.get('/redaktion');
      assert.equal(desk.status, 303);
      assert.equal(desk.location, '/klarsprak/granska');
    } else {
      assertErrorPage(await c.get('/redaktion'), 403, email);
    }
  }
  assert.ok(!(await anon.get('/nyheter')).text.includes('Obehörig'));
  const admin = await signedIn(srv, 'admin@example.org');
  assert.equal((await admin.get('/nyheter/ny')).status, 200);
});

test('the post form: Swedish messages, the valid values come back, nothing is saved', async () => {
  await comm.get('/redaktion'); // shows and clears any flash message
  const before = (await comm.get('/redaktion')).text;
  const cases = [
    [{ rubrik: '', text: 'Text finns.' }, MSG.required, 'rubrik'],
    [{ rubrik: 'Rubrik finns', text: '' }, MSG.required, 'text'],
    [{ rubrik: 'R'.repeat(201), text: 'Text finns.' }, MSG.tooLong, 'rubrik'],
    [{ rubrik: 'Rubrik finns', ingress: 'I'.repeat(401), text: 'Text finns.' }, MSG.tooLong, 'ingress'],
    [{ rubrik: 'Rubrik finns', text: 'T'.repeat(60001) }, MSG.tooLong, 'text'],
    [{ rubrik: 'Rubrik finns', text: 'Ring Anna, 811218-9876.' }, MSG.pnr, 'text'],
    // joined only on the page: raw HTML is left out, spaces show as one
    [{ rubrik: 'Rubrik finns', text: 'Ring Anna, 8112</script>18-9876.' }, MSG.pnr, 'text'],
    [{ rubrik: 'Rubrik finns', text: 'Ring Anna, 8112**18**-9876.' }, MSG.pnr, 'text'],
    [{ rubrik: 'Rubrik finns', text: 'Ring Anna, 811218    9876.' }, MSG.pnr, 'text'],
    [{ rubrik: 'Anna 19121212-1212', text: 'Text finns.' }, MSG.pnr, 'rubrik'],
    [{ rubrik: 'Rubrik finns', text: 'Text finns.', status: 'hemlig' }, MSG.choice, 'status'],
    [{ rubrik: 'Rubrik\u0007finns', text: 'Text finns.' }, MSG.control, 'rubrik'],
  ];
  for (const [fields, msg, field] of cases) {
    const r = await comm.submit('/nyheter/ny', '/nyheter/ny', { status: 'utkast', ...fields });
    assertFormError(r, msg, { field });
    if (field !== 'rubrik') assert.equal(inputValue(r.text, 'rubrik'), fields.rubrik);
    if (field !== 'text' && fields.text.length < 1000) assert.equal(textareaValue(r.text, 'text'), fields.text);
  }
  const enc = await comm.submitRaw('/nyheter/ny', '/nyheter/ny', 'rubrik=Giltig+rubrik&status=utkast&text=Trasig+%FF%FE+text');
  assertFormError(enc, MSG.encoding, { field: 'text' });
  assert.equal(inputValue(enc.text, 'rubrik'), 'Giltig rubrik');
  const strip = (s) => s.replace(/value="[A-Za-z0-9_-]{20,}"/g, '');
  assert.equal(strip((await comm.get('/redaktion')).text), strip(before), 'a refused post was saved');
});

test('sending the same post form twice saves one post', async () => {
  const page = await comm.get('/nyheter/ny');
  const fields = hiddenFields(page.text, '/nyheter/ny');
  const title = `Dubbelklick ${rand()}`;
  const a = await comm.postRaw('/nyheter/ny', { ...fields, rubrik: title, text: 'En gång.', status: 'publicerad' });
  const b = await comm.postRaw('/nyheter/ny', { ...fields, rubrik: title, text: 'En gång.', status: 'publicerad' });
  assert.equal(a.status, 303);
  assert.equal(b.status, 303, `second send: ${b.status}`);
  const list = [...listCards((await anon.get('/nyheter')).text), ...listCards((await anon.get('/nyheter?sida=2')).text)];
  assert.equal(list.filter((c) => c.title === title).length, 1, 'the post was saved twice');
});

test('editing a post keeps its address; bad input leaves it unchanged', async () => {
  const slug = 'gemensam-utvecklingsgrupp-21-mars-2022';
  const form = await comm.get(`/nyheter/${slug}/redigera`);
  assert.equal(form.status, 200);
  const md = textareaValue(form.text, 'text');
  const before = await anon.get(`/nyheter/${slug}`);
  for (const tail of [
    'rubrik=%FF%FE&text=x&status=publicerad',
    'rubrik=&text=x&status=publicerad',
    `rubrik=Ny&text=${'x'.repeat(60001)}&status=publicerad`,
    'rubrik=Ny&text=x&status=raderad',
    'rubrik=Ny&status=publicerad',
  ]) {
    const r = await comm.submitRaw(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`, tail);
    assert.equal(r.status, 400, tail.slice(0, 50));
    assert.match(r.text, /Det finns fel i formuläret/);
  }
  const after = await anon.get(`/nyheter/${slug}`);
  const strip = (s) => s.replace(/value="[A-Za-z0-9_-]{16,}"/g, '');
  assert.equal(strip(after.text), strip(before.text), 'refused edits changed the post');
  const ok = await comm.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`,
    { rubrik: 'Utvecklingsgruppen i mars', ingress: '', text: md, status: 'publicerad' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/nyheter/${slug}`);
  const page = await anon.get(`/nyheter/${slug}`);
  assert.match(page.text, /<h1>Utvecklingsgruppen i mars<\/h1>/);
  assert.match(page.text, /Birgitta/, 'approved comments were lost by editing');
  assertErrorPage(await comm.get('/nyheter/finns-inte/redigera'), 404);
  await assertHealthy(srv.base);
});

test('a communicator can take a published post back to draft', async () => {
  const title = `Tillbakadragen ${rand()}`;
  const slug = await write(comm, { rubrik: title, text: 'Snart borta.', status: 'publicerad' });
  assert.equal((await anon.get(`/nyheter/${slug}`)).status, 200);
  const r = await comm.submit(`/nyheter/${slug}/redigera`, `/nyheter/${slug}/redigera`, { rubrik: title, text: 'Snart borta.', status: 'utkast' });
  assert.equal(r.status, 303);
  assertErrorPage(await anon.get(`/nyheter/${slug}`), 404);
  assert.ok(!(await anon.get('/nyheter.atom')).text.includes(title), 'an unpublished post stays in the feed');
  assert.ok(!(await anon.get('/')).text.includes(title));
});

test('unknown posts are 404; post addresses with odd characters do not break anything', async () => {
  for (const p of ['/nyheter/finns-inte', '/nyheter/%3Cscript%3E', '/nyheter/ny%20',
    `/nyheter/${'a'.repeat(1500)}`, '/nyheter/%C3%A5%C3%A4%C3%B6']) {
    const r = await anon.get(p);
    assertErrorPage(r, 404, p);
    assertNoActiveContent(r.text, p);
  }
  assert.ok(postSlugs((await anon.get('/')).text).length >= 3, 'the home page lists the latest posts');
});
