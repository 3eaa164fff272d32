// Organisations: the public directory and its search, umbrella
// organisations and their members, creating and editing profiles, and the
// checks on what is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, inputValue, selectedValue, textareaValue } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertFormError, assertHealthy, assertNoActiveContent,
  assertSecurityHeaders, escapeHtml, orgSlugs, rand, signedIn,
} from '../lib/http.mjs';

let srv;
let anon;
let admin;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = await signedIn(srv, 'admin@example.org');
});
after(async () => { await srv.stop(); });

const SEED_ORGS = ['Socialförvaltningen', 'Fritid Helsingborg', 'Invånarlab', 'Helsam', 'Invasam',
  'Schizofreniföreningen', 'Framtidsverkstaden', 'Fryshuset', 'Rädda Barnen', 'ABF', 'ProQvi',
  'Verdandi', 'Byabetan', 'Omtanke Helsingborg', 'Maskrosbarn', 'Vorta Drom', 'Erikshjälpen'];

function cards(html) {
  return [...html.matchAll(/<li class="card">\n<h2><a href="\/organisationer\/([^"]+)">([^<]+)<\/a><\/h2>/g)]
    .map((m) => ({ slug: m[1], name: m[2] }));
}

function count(html) {
  return Number(html.match(/Antal träffar: (\d+)/)?.[1]);
}

/** The umbrella options of the organisation form: name → id. */
async function umbrellas(c) {
  const r = await c.get('/organisationer/ny');
  const sel = r.text.match(/<select[^>]* name="paraply"[^>]*>([\s\S]*?)<\/select>/)[1];
  return Object.fromEntries([...sel.matchAll(/<option value="(\d+)"[^>]*>([^<]+)<\/option>/g)].map((m) => [m[2], m[1]]));
}

const VALID = { namn: '', typ: 'forening', sektor: 'ideell', paraply: '0', sammanfattning: '', beskrivning: '', webbplats: '' };

test('the directory lists the organisations of the seeds with å, ä and ö intact', async () => {
  const r = await anon.get('/organisationer');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<h1>Organisationer<\/h1>/);
  const names = cards(r.text).map((c) => c.name);
  for (const n of SEED_ORGS) assert.ok(names.includes(n), `${n} is not in the directory`);
  assert.equal(count(r.text), names.length);
  assert.doesNotMatch(r.text, /Lägg till organisation/, 'anonymous visitors are offered to add one');
  for (const slug of orgSlugs(r.text)) {
    const p = await anon.get(`/organisationer/${slug}`);
    assert.equal(p.status, 200, slug);
  }
});

test('the directory search by name (?q=) and by kind (?typ=)', async () => {
  let r = await anon.get('/organisationer?q=helsam');
  assert.deepEqual(cards(r.text).map((c) => c.name), ['Helsam']);
  assert.equal(inputValue(r.text.slice(r.text.indexOf('<main')), 'q'), 'helsam', 'the search box keeps the query');
  r = await anon.get(`/organisationer?q=${encodeURIComponent('rädda')}`);
  assert.deepEqual(cards(r.text).map((c) => c.name), ['Rädda Barnen']);
  r = await anon.get(`/organisationer?q=${encodeURIComponent('RÄDDA BARN')}`);
  assert.deepEqual(cards(r.text).map((c) => c.name), ['Rädda Barnen'], 'the search is not case-insensitive for ä');
  r = await anon.get('/organisationer?q=helsingborg');
  assert.deepEqual(cards(r.text).map((c) => c.name).sort(), ['Fontänhuset Helsingborg', 'Fritid Helsingborg', 'Omtanke Helsingborg'].sort());
  r = await anon.get('/organisationer?q=zzzyyy');
  assert.equal(cards(r.text).length, 0);
  assert.match(r.text, /Inga organisationer matchar sökningen\./);
  assert.equal(count(r.text), 0);

  r = await anon.get('/organisationer?typ=paraply');
  assert.deepEqual(cards(r.text).map((c) => c.name).sort(), ['Helsam', 'Invasam']);
  assert.equal(selectedValue(r.text, 'typ'), 'paraply');
  r = await anon.get('/organisationer?typ=forvaltning&q=fritid');
  assert.deepEqual(cards(r.text).map((c) => c.name), ['Fritid Helsingborg']);
  r = await anon.get('/organisationer?typ=paraply&q=fryshuset');
  assert.equal(cards(r.text).length, 0);
  r = await anon.get('/organisationer?typ=&q=');
  assert.ok(cards(r.text).length >= SEED_ORGS.length);
});

test('the search treats % and _ as ordinary characters', async () => {
  for (const q of ['%', '_', '%%', '_b']) {
    const r = await anon.get(`/organisationer?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.equal(count(r.text), 0, `?q=${q} matched ${count(r.text)} organisations, none has "${q}" in its name`);
  }
});

test('the umbrella Helsam shows its member Schizofreniföreningen, and the member its umbrella', async () => {
  const h = await anon.get('/organisationer/helsam');
  assert.equal(h.status, 200);
  assert.match(h.text, /<h1>Helsam<\/h1>/);
  assert.match(h.text, /Paraplyorganisation/);
  assert.match(h.text, /<h2>Medlemsorganisationer<\/h2>\n<ul>\n[\s\S]*<a href="\/organisationer\/schizofreniforeningen">Schizofreniföreningen<\/a>/);
  const s = await anon.get('/organisationer/schizofreniforeningen');
  assert.match(s.text, /Medlem i <a href="\/organisationer\/helsam">Helsam<\/a>/);
  const dir = await anon.get('/organisationer?q=schizo');
  assert.match(dir.text, /Medlem i <a href="\/organisationer\/helsam">Helsam<\/a>/);
  assert.doesNotMatch(s.text, /Redigera organisationen/, 'anonymous visitors see the edit link');
});

test('a representative edits their own organisation but gets 403 on another', async () => {
  const rep = await signedIn(srv, 'forening@example.org');
  const form = await rep.get('/organisationer/framtidsverkstaden/redigera');
  assert.equal(form.status, 200);
  assert.equal(inputValue(form.text, 'namn'), 'Framtidsverkstaden');
  // what the organisation is and which umbrella it is under are not the representative's to set
  for (const f of ['typ', 'sektor', 'paraply']) assert.doesNotMatch(form.text, new RegExp(`name="${f}"`));
  assert.match(form.text, /<dt>Typ<\/dt><dd>Förening<\/dd>/);
  assert.match(textareaValue(form.text, 'beskrivning'), /Adolfsberg/);
  assert.match((await rep.get('/organisationer/framtidsverkstaden')).text, /href="\/organisationer\/framtidsverkstaden\/redigera"/);

  const summary = `Ledarskap och fritid för unga på Adolfsberg ${rand()}`;
  const r = await rep.submit('/organisationer/framtidsverkstaden/redigera', '/organisationer/framtidsverkstaden/redigera', {
    namn: 'Framtidsverkstaden', typ: 'forening', sektor: 'ideell', paraply: '0',
    sammanfattning: summary, beskrivning: textareaValue(form.text, 'beskrivning'),
    webbplats: 'https://framtidsverkstaden.example.org',
  });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/organisationer/framtidsverkstaden');
  const p = await anon.get('/organisationer/framtidsverkstaden');
  assert.ok(p.text.includes(summary));
  // a crafted form cannot join an umbrella or make the association a municipal office
  const helsam = await anon.get('/organisationer/helsam');
  const crafted = await rep.submit('/organisationer/framtidsverkstaden/redigera', '/organisationer/framtidsverkstaden/redigera', {
    namn: 'Framtidsverkstaden', typ: 'forvaltning', sektor: 'offentlig', paraply: (await umbrellas(await signedIn(srv, 'admin@example.org'))).Helsam,
    sammanfattning: summary, beskrivning: textareaValue(form.text, 'beskrivning'), webbplats: 'https://framtidsverkstaden.example.org',
  });
  assert.equal(crafted.status, 303);
  assert.equal((await anon.get('/organisationer/helsam')).text, helsam.text, 'Helsam\'s member list changed');
  assert.match((await anon.get('/organisationer/framtidsverkstaden')).text, /Förening/);
  assert.match(p.text, /<a href="https:\/\/framtidsverkstaden\.example\.org" rel="noopener">/);

  const fry = await anon.get('/organisationer/fryshuset');
  assertErrorPage(await rep.get('/organisationer/fryshuset/redigera'), 403);
  const token = await rep.csrf('/organisationer/framtidsverkstaden/redigera', '/organisationer/framtidsverkstaden/redigera');
  const post = await rep.postRaw('/organisationer/fryshuset/redigera', { _csrf: token, ...VALID, namn: 'Kapat', sammanfattning: 'kapat' });
  assertErrorPage(post, 403);
  assert.equal((await anon.get('/organisationer/fryshuset')).text, fry.text, 'another organisation changed');
  assert.doesNotMatch(fry.text, /redigera/);

  assertErrorPage(await rep.get('/organisationer/ny'), 403, 'a representative may not create organisations');
  const create = await rep.postRaw('/organisationer/ny', { _csrf: token, ...VALID, namn: 'Repföreningen' });
  assertErrorPage(create, 403);
  assert.equal(count((await anon.get('/organisationer?q=repforeningen')).text), 0);
  for (const email of ['ungdom@example.org', 'kommunikator@example.org']) {
    const c = await signedIn(srv, email);
    assertErrorPage(await c.get('/organisationer/framtidsverkstaden/redigera'), 403, email);
  }
});

test('an administrator and a coordinator may create organisations, also under an umbrella', async () => {
  const ids = await umbrellas(admin);
  assert.ok(ids.Helsam && ids.Invasam, 'the umbrella select lists Helsam and Invasam');
  assert.ok(!ids.Schizofreniföreningen, 'a member association is offered as umbrella');
  const name = `Hälsofrämjarna ${rand()}`;
  const r = await admin.submit('/organisationer/ny', '/organisationer/ny', {
    ...VALID, namn: name, paraply: ids.Helsam, sammanfattning: 'Promenader för alla åldrar.',
    beskrivning: 'Första stycket.\n\nAndra stycket.', webbplats: 'https://example.org/halsa',
  });
  assert.equal(r.status, 303);
  const slug = r.location.replace('/organisationer/', '');
  assert.match(slug, /^halsoframjarna-[a-z0-9]+$/);
  const p = await anon.get(r.location);
  assert.equal(p.status, 200);
  assert.ok(p.text.includes(`<h1>${name}</h1>`));
  assert.match(p.text, /<p>Första stycket\.<\/p>\s*<p>Andra stycket\.<\/p>/);
  assert.ok((await anon.get('/organisationer/helsam')).text.includes(`>${name}</a>`), 'not listed under Helsam');
  assert.ok(cards((await anon.get('/organisationer')).text).some((c) => c.name === name));

  const log = await admin.get('/admin/logg');
  // the audit log writes it in words, with a link, and keeps the code (issue 8)
  assert.ok(log.text.includes(`<code class="audit-code">organisation.skapa | ${slug} | ${name}</code>`), 'creating an organisation is not in the audit log');
  assert.ok(log.text.includes(`skapade organisationen <a href="/organisationer/${slug}">${name}</a>`), 'the audit log does not say it in words');
  const koord = await signedIn(srv, 'koordinator@example.org');
  const k = await koord.submit('/organisationer/ny', '/organisationer/ny', { ...VALID, namn: name, typ: 'annan', sektor: 'privat' });
  assert.equal(k.status, 303);
  assert.notEqual(k.location, r.location, 'a second organisation with the same name got the same address');
  assert.equal((await anon.get(k.location)).status, 200);
  assert.ok((await koord.get(k.location)).text.includes('Redigera organisationen'));
  assert.match((await koord.get('/organisationer')).text, /href="\/organisationer\/ny"/);
  // reserved words do not become addresses that clash with pages
  const ny = await admin.submit('/organisationer/ny', '/organisationer/ny', { ...VALID, namn: 'Ny' });
  assert.equal(ny.status, 303);
  assert.notEqual(ny.location, '/organisationer/ny');
  assert.match((await anon.get(ny.location)).text, /<h1>Ny<\/h1>/);
});

test('an invalid website is refused with a Swedish message; the rest comes back', async () => {
  const ids = await umbrellas(admin);
  for (const site of ['ftp://example.org', 'javascript:alert(1)', 'example.org', 'https://', 'https://x" onmouseover="alert(1)',
    'data:text/html,<script>alert(1)</script>', 'https://exa mple.org']) {
    const name = `Webbföreningen ${rand()}`;
    const r = await admin.submit('/organisationer/ny', '/organisationer/ny', {
      ...VALID, namn: name, typ: 'annan', sektor: 'privat', paraply: ids.Invasam,
      sammanfattning: 'En kort mening.', beskrivning: 'Lång text\nmed rader.', webbplats: site,
    });
    assertFormError(r, MSG.website, { field: 'webbplats' });
    assert.equal(inputValue(r.text, 'namn'), name);
    assert.equal(selectedValue(r.text, 'typ'), 'annan');
    assert.equal(selectedValue(r.text, 'sektor'), 'privat');
    assert.equal(selectedValue(r.text, 'paraply'), ids.Invasam);
    assert.equal(inputValue(r.text, 'sammanfattning'), 'En kort mening.');
    assert.equal(textareaValue(r.text, 'beskrivning'), 'Lång text\nmed rader.');
    assertNoActiveContent(r.text, site);
    assert.equal(count((await anon.get(`/organisationer?q=${encodeURIComponent(name)}`)).text), 0, 'it was saved anyway');
  }
});

test('a Swedish personal identity number in the profile is refused', async () => {
  for (const [field, pnr] of [['beskrivning', '19121212-1212'], ['beskrivning', '811218-9876'],
    ['sammanfattning', '8112189876'], ['beskrivning', 'ring 19121212+1212 nu']]) {
    const name = `Pnr-föreningen ${rand()}`;
    const fields = { ...VALID, namn: name, sammanfattning: 'Kort.', beskrivning: 'Om oss.', webbplats: 'https://example.org' };
    fields[field] = `Kontakt: Anna, ${pnr}.`;
    const r = await admin.submit('/organisationer/ny', '/organisationer/ny', fields);
    assertFormError(r, MSG.pnr, { field });
    assert.equal(inputValue(r.text, 'webbplats'), 'https://example.org');
    assert.equal(count((await anon.get(`/organisationer?q=${encodeURIComponent(name)}`)).text), 0);
  }
  // the same on edit: the stored profile stays as it was
  const rep = await signedIn(srv, 'forening@example.org');
  const before = (await anon.get('/organisationer/framtidsverkstaden')).text;
  const form = await rep.get('/organisationer/framtidsverkstaden/redigera');
  const r = await rep.submit('/organisationer/framtidsverkstaden/redigera', '/organisationer/framtidsverkstaden/redigera', {
    namn: 'Framtidsverkstaden', typ: 'forening', sektor: 'ideell', paraply: '0',
    sammanfattning: inputValue(form.text, 'sammanfattning'), beskrivning: 'Kontakta Rut på 811218-9876.',
    webbplats: inputValue(form.text, 'webbplats'),
  });
  assertFormError(r, MSG.pnr, { field: 'beskrivning' });
  assert.equal((await anon.get('/organisationer/framtidsverkstaden')).text, before);
  // numbers that are not personal identity numbers are fine
  const ok = await admin.submit('/organisationer/ny', '/organisationer/ny', {
    ...VALID, namn: `Siffror ${rand()}`, beskrivning: 'Telefon 042-10 50 00, org.nr 802400-1234, år 2022, 19121212-1213.',
  });
  assert.equal(ok.status, 303, `ordinary numbers were refused: ${ok.text.match(/<p class="error"[^]*?<\/p>/)?.[0]}`);
});

test('a personal identity number in the organisation name is refused too (it is published)', async () => {
  const name = `Förening 19121212-1212 ${rand()}`;
  const r = await admin.submit('/organisationer/ny', '/organisationer/ny', { ...VALID, namn: name, sammanfattning: 'Kort.' });
  assertFormError(r, MSG.pnr, { field: 'namn' });
  assert.equal(count((await anon.get(`/organisationer?q=${encodeURIComponent('19121212')}`)).text), 0);
});

test('wrong choices and types in the organisation form get Swedish messages', async () => {
  const ids = await umbrellas(admin);
  const cases = [
    [{ typ: 'okand' }, MSG.choice, 'typ'],
    [{ typ: undefined }, MSG.choice, 'typ'],
    [{ sektor: 'halvoffentlig' }, MSG.choice, 'sektor'],
    [{ paraply: 'abc' }, MSG.notNumber, 'paraply'],
    [{ paraply: '-5' }, 'Talet ligger utanför det tillåtna intervallet.', 'paraply'],
    [{ paraply: '999999' }, MSG.parent, 'paraply'],
    [{ namn: '' }, MSG.required, 'namn'],
    [{ namn: 'N'.repeat(121) }, MSG.tooLong, 'namn'],
    [{ sammanfattning: 'S'.repeat(301) }, MSG.tooLong, 'sammanfattning'],
    [{ beskrivning: 'B'.repeat(8001) }, MSG.tooLong, 'beskrivning'],
    [{ webbplats: `https://example.org/${'w'.repeat(300)}` }, MSG.tooLong, 'webbplats'],
    [{ namn: 'Tab\there' }, MSG.control, 'namn'],
  ];
  for (const [change, msg, field] of cases) {
    const name = `Valföreningen ${rand()}`;
    const fields = { ...VALID, namn: name, sammanfattning: 'Giltig sammanfattning.', paraply: ids.Helsam, ...change };
    for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
    const r = await admin.submit('/organisationer/ny', '/organisationer/ny', fields);
    assertFormError(r, msg, { field });
    if (field !== 'namn') assert.equal(inputValue(r.text, 'namn'), name, `name not kept when ${field} was wrong`);
    if (field !== 'sammanfattning') assert.equal(inputValue(r.text, 'sammanfattning'), 'Giltig sammanfattning.');
  }
  // a member association cannot be an umbrella
  const edit = await admin.get('/organisationer/helsam/redigera');
  assert.equal(edit.status, 200);
  const fr = await admin.submit('/organisationer/fryshuset/redigera', '/organisationer/fryshuset/redigera', {
    ...VALID, namn: 'Fryshuset', paraply: ids.Helsam,
  });
  assert.equal(fr.status, 303, 'Fryshuset could not join Helsam');
  const helsamId = ids.Helsam;
  const self = await admin.submit('/organisationer/helsam/redigera', '/organisationer/helsam/redigera', {
    ...VALID, namn: 'Helsam', typ: 'paraply', paraply: helsamId,
  });
  assertFormError(self, MSG.parent, { field: 'paraply' });
  await assertHealthy(srv.base);
});

test('HTML and script in every field of the profile come back escaped', async () => {
  const x = '<script>alert("x")</script><img src=x onerror=alert(1)>';
  const r = await admin.submit('/organisationer/ny', '/organisationer/ny', {
    ...VALID, namn: `Skript ${x}`, sammanfattning: `Kort ${x}`, beskrivning: `Lång ${x}\n\n<b>fet</b> "citat" & 'apostrof'`,
    webbplats: 'https://example.org/?a=1&b=2',
  });
  assert.equal(r.status, 303, `status ${r.status}`);
  if (r.status === 400) {
    assertNoActiveContent(r.text, 'on the refused form');
    assert.ok(r.text.includes(escapeHtml(`Skript ${x}`)), 'the name did not come back escaped');
    return;
  }
  const p = await anon.get(r.location);
  assert.equal(p.status, 200);
  assertNoActiveContent(p.text, 'on the profile');
  assert.ok(p.text.includes(escapeHtml(`Skript ${x}`)));
  assert.ok(p.text.includes('&lt;b&gt;fet&lt;/b&gt; &quot;citat&quot; &amp; &#39;apostrof&#39;'));
  const dir = await anon.get('/organisationer');
  assertNoActiveContent(dir.text, 'in the directory');
  const edit = await admin.get(`${r.location}/redigera`);
  assertNoActiveContent(edit.text, 'in the edit form');
  assert.equal(inputValue(edit.text, 'namn'), `Skript ${x}`);
  const q = await anon.get(`/organisationer?q=${encodeURIComponent(`"><script>alert(1)</script>`)}`);
  assertNoActiveContent(q.text, 'in the search box');
});

test('bad input on edit leaves the stored profile as it was', async () => {
  const before = (await anon.get('/organisationer/helsam')).text;
  const page = '/organisationer/helsam/redigera';
  const tail = [
    'namn=%FF%FE&typ=paraply&sektor=ideell&paraply=0',
    'namn=Helsam&typ=paraply&sektor=ideell&paraply=0&beskrivning=%C3%28',
    'namn=&typ=paraply&sektor=ideell&paraply=0',
    'namn=Helsam&typ=%FF&sektor=ideell&paraply=0',
    'namn=Helsam&typ=paraply&sektor=ideell&paraply=abc',
    `namn=Helsam&typ=paraply&sektor=ideell&paraply=0&beskrivning=${'x'.repeat(9000)}`,
    'namn=Helsam&typ=paraply&sektor=ideell&paraply=0&webbplats=javascript:alert(1)',
    'namn=Hel%00sam&typ=paraply&sektor=ideell&paraply=0',
  ];
  for (const t of tail) {
    const r = await admin.submitRaw(page, page, t);
    assert.equal(r.status, 400, `${t.slice(0, 60)}: ${r.status}`);
    assert.match(r.text, /Det finns fel i formuläret/);
    assertSecurityHeaders(r);
  }
  const encoding = await admin.submitRaw(page, page, 'namn=Helsam&typ=paraply&sektor=ideell&paraply=0&sammanfattning=%FF%FEabc');
  assertFormError(encoding, MSG.encoding, { field: 'sammanfattning' });
  assert.equal(inputValue(encoding.text, 'namn'), 'Helsam');
  assert.equal((await anon.get('/organisationer/helsam')).text, before, 'the profile changed');
  assertErrorPage(await admin.get('/organisationer/finns-inte/redigera'), 404);
  const token = await admin.csrf(page, page);
  assertErrorPage(await admin.postBody('/organisationer/finns-inte/redigera', `_csrf=${token}&namn=x`), 404);
});
