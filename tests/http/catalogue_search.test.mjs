// Issue 10: the catalogue of offerings (/utbud), its HSDS export, and the
// site-wide search (/sok) — Swedish matching, facets, paging, bad input,
// and that nothing unpublished is ever found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';
import {
  assertErrorPage, assertFormError, assertNoActiveContent, assertSecurityHeaders, escapeHtml, rand, signedIn,
} from '../lib/http.mjs';

let srv;
let anon;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
});
after(async () => { await srv.stop(); });

function hits(html) {
  return [...html.matchAll(/<li class="hit">\n<h3><a href="([^"]+)">([\s\S]*?)<\/a><\/h3>/g)]
    .map((m) => ({ url: m[1], title: m[2].replace(/<\/?mark>/g, '') }));
}
function total(html) {
  const m = html.match(/role="status">(\d+) träff/);
  return m ? Number(m[1]) : 0;
}
const sok = (q, extra = '') => anon.get(`/sok?q=${encodeURIComponent(q)}${extra}`);

test('Swedish search finds offerings by inflection, compound part, folding and typo', async () => {
  const cases = [
    ['stödgrupperna', /Stödgrupper för barn/],
    ['grupp', /Stödgrupper för barn/],
    ['läxhjälpen', /Läxhjälp för barn/],
    ['klubbhuset', /Fontänhusets klubbhus/],
    ['ensamheten', /Pratcafé mot ofrivillig ensamhet/],
    ['drottninghog', /G8 – ungdomsverksamhet/],
    ['brottsofferjouren', /Stöd till brottsoffer/],
  ];
  for (const [q, want] of cases) {
    const r = await sok(q);
    assert.equal(r.status, 200, q);
    assert.ok(hits(r.text).some((h) => want.test(h.title)), `${q}: ${JSON.stringify(hits(r.text))}`);
  }
  const typo = await sok('pratkafe');
  assert.match(typo.text, /Menade du <a href="\/sok\?q=pratcaf%C3%A9">pratcafé<\/a>\?/);
  assert.ok(hits(typo.text).some((h) => /Pratcafé/.test(h.title)));
  const hbg = await sok('Hälsingborg');
  assert.match(hbg.text, /Menade du <a href="[^"]+">helsingborg<\/a>/);
});

test('hits are marked in escaped snippets, facets count and filter, paging is links', async () => {
  const r = await sok('stöd');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<mark>[Ss]töd<\/mark>/);
  const n = total(r.text);
  assert.ok(n >= 4, `only ${n} hits for stöd`);
  const facet = r.text.match(/<a href="(\/sok\?q=st%C3%B6d&amp;typ=utbud)">Aktivitet eller insats \((\d+)\)<\/a>/);
  assert.ok(facet, 'no kind facet for offerings');
  const f = await anon.get(facet[1].replace(/&amp;/g, '&'));
  assert.equal(total(f.text), Number(facet[2]));
  for (const h of hits(f.text)) assert.match(h.url, /^\/utbud\/\d+$/);
  assert.match(f.text, /aria-current="true"><strong>Aktivitet eller insats<\/strong>/);
  // a facet value that does not exist: no hits, a way back, never an error
  const none = await sok('stöd', '&org=Finns%20inte');
  assert.equal(none.status, 200);
  assert.match(none.text, /Inga träffar för ”stöd”/);
  assert.match(none.text, /Sök utan filter/);
  // paging: page 2 of a wide query, and page 10 000
  const wide = await sok('helsingborg');
  if (total(wide.text) > 10) {
    assert.match(wide.text, /rel="next"/);
    const p2 = await sok('helsingborg', '&sida=2');
    assert.equal(p2.status, 200);
    assert.notDeepEqual(hits(p2.text), hits(wide.text));
  }
  const far = await sok('stöd', '&sida=10000');
  assert.equal(far.status, 200);
  assert.match(far.text, /Sidan finns inte/);
});

test('bad queries get Swedish answers, never a 500, and are shown back escaped', async () => {
  for (const q of ['', 'a', '  ', '"*:-()', 'och i']) {
    const r = await sok(q);
    assert.equal(r.status, 200, JSON.stringify(q));
    if (q.trim()) assert.match(r.text, /Skriv minst ett ord med två bokstäver/);
  }
  const odd = ['"stöd" OR *', "stöd'; DROP TABLE search_docs; --", 'stöd NEAR(grupp)', '-stöd', 'stöd:*',
    '(stöd', '<script>alert(1)</script>', Array.from({ length: 100 }, (_, i) => `ord${i}`).join(' ')];
  for (const q of odd) {
    const r = await sok(q);
    assert.equal(r.status, 200, q);
    assertNoActiveContent(r.text, q);
    assert.ok(r.text.includes(`value="${escapeHtml(q)}"`), `${q} not shown back escaped`);
  }
  const many = await sok(odd.at(-1));
  assert.match(many.text, /Bara de första 8 orden söktes/);
  const bad = await anon.get('/sok?q=%FF%FE');
  assertErrorPage(bad, 400, 'invalid UTF-8');
  assert.match(bad.text, /Sökfrågan kunde inte läsas/);
  for (const p of ['abc', '0', '-1', '99999999999999999999']) {
    const r = await anon.get(`/sok?q=st%C3%B6d&sida=${p}`);
    assertErrorPage(r, 400, `page ${p}`);
  }
  const long = await anon.get(`/sok?q=${'x'.repeat(1001)}`);
  assertErrorPage(long, 400, 'too long');
});

test('every page has the search box in its header, labelled', async () => {
  for (const path of ['/', '/utbud', '/organisationer', '/sok?q=st%C3%B6d']) {
    const r = await anon.get(path);
    assert.match(r.text, /<form class="site-search" method="get" action="\/sok" role="search"><label for="sok-huvud">Sök<\/label><input type="search" id="sok-huvud" name="q"/, path);
  }
});

const FORM = {
  org: '', titel: '', beskrivning: 'Vi ses och pratar.', 'alder-fran': '', 'alder-till': '', kostnad: 'gratis',
  'kostnad-info': '', sprak: 'svenska', kontakt: 'info@example.org', tillganglighet: '', omrade: 'Söder',
  'plats-1-namn': 'Träffpunkten', 'plats-1-adress': 'Södergatan 1', 'plats-2-namn': '', 'plats-2-adress': '',
  'plats-3-namn': '', 'plats-3-adress': '', 'tid-1-dag': '2', 'tid-1-fran': '10:00', 'tid-1-till': '12:00',
  'tid-2-dag': '0', 'tid-2-fran': '', 'tid-2-till': '', 'tid-3-dag': '0', 'tid-3-fran': '', 'tid-3-till': '',
  'tid-4-dag': '0', 'tid-4-fran': '', 'tid-4-till': '', status: 'publicerad',
};

async function orgOption(c, name) {
  const r = await c.get('/utbud/ny');
  assert.equal(r.status, 200);
  const m = r.text.match(new RegExp(`<option value="(\\d+)"[^>]*>${name}</option>`));
  return m?.[1];
}

test('a representative writes offerings for their organisation only; bad input is refused in Swedish', async () => {
  const rep = await signedIn(srv, 'forening@example.org');
  const own = await orgOption(rep, 'Framtidsverkstaden');
  assert.ok(own, 'the representative cannot choose their organisation');
  assert.equal(await orgOption(rep, 'Maskrosbarn'), undefined, 'another organisation is offered');
  const word = `solrosträff${rand()}`;
  const bad = [
    [{ 'alder-fran': '30', 'alder-till': '12' }, 'Åldern slutar innan den börjar', 'alder-till'],
    [{ 'tid-1-fran': '14:00', 'tid-1-till': '12:00' }, 'Tiden slutar innan den börjar', 'tid-1-till'],
    [{ 'tid-2-dag': '2', 'tid-2-fran': '11:00', 'tid-2-till': '13:00' }, 'Två tider samma dag överlappar', 'tid-2-till'],
    [{ kontakt: 'anna.svensson@gmail.com' }, 'Skriv inte privatpersoners e-postadresser', 'kontakt'],
    [{ kostnad: 'dyrt' }, null, null],
    [{ titel: '' }, null, 'titel'],
  ];
  for (const [fields, msg, field] of bad) {
    const r = await rep.submit('/utbud/ny', '/utbud/ny', { ...FORM, org: own, titel: `Träff ${word}`, ...fields });
    assert.equal(r.status, 400, JSON.stringify(fields));
    if (msg) assertFormError(r, msg, { field });
  }
  // someone else's organisation, posted directly: refused
  const other = await orgOption(await signedIn(srv, 'koordinator@example.org'), 'Maskrosbarn');
  const forged = await rep.submit('/utbud/ny', '/utbud/ny', { ...FORM, org: other, titel: `Träff ${word}` });
  assertFormError(forged, 'Du kan bara lägga in aktiviteter och insatser för organisationer du företräder');
  // nothing of the refused ones is searchable
  assert.equal(total((await sok(word)).text), 0);

  const ok = await rep.submit('/utbud/ny', '/utbud/ny', { ...FORM, org: own, titel: `Träff ${word}` });
  assert.equal(ok.status, 303, ok.text.slice(0, 400));
  const url = ok.location;
  const page = await anon.get(url);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<h1>Träff ${word}</h1>`));
  assert.match(page.text, /Tisdag 10[.:]00/);
  const found = await sok(`${word}en`);
  assert.deepEqual(hits(found.text).map((h) => h.url), [url]);
  // the organisation's page lists it
  const orgPage = await anon.get('/organisationer/framtidsverkstaden');
  assert.ok(orgPage.text.includes(`href="${url}"`));

  // back to draft: gone from search and from the public, at once
  const edit = await rep.submit(`${url}/redigera`, `${url}/redigera`, { ...FORM, org: own, titel: `Träff ${word}`, status: 'utkast' });
  assert.equal(edit.status, 303);
  assert.equal(total((await sok(word)).text), 0);
  assert.equal((await anon.get(url)).status, 404);
  assert.equal((await rep.get(url)).status, 200, 'the representative still sees the draft');
  const youth = await signedIn(srv, 'ungdom@example.org');
  assert.equal((await youth.get(`${url}/redigera`)).status, 404, "a draft is not there for others");

  // published again, then removed: gone from the catalogue and the search; others may not remove it
  const again = await rep.submit(`${url}/redigera`, `${url}/redigera`, { ...FORM, org: own, titel: `Träff ${word}` });
  assert.equal(again.status, 303);
  assert.equal(total((await sok(word)).text), 1);
  const notYours = await youth.postRaw(`${url}/ta-bort`, { _csrf: await youth.csrf('/utbud', '/logga-ut') });
  assert.equal(notYours.status, 403);
  const removed = await rep.submit(`${url}/redigera`, `${url}/ta-bort`);
  assert.equal(removed.status, 303);
  assert.equal(removed.location, '/organisationer/framtidsverkstaden');
  assert.equal((await rep.get(url)).status, 404);
  assert.equal(total((await sok(word)).text), 0);
});

test('the catalogue filters by target group, cost and open now; bad filters are 400', async () => {
  const r = await anon.get('/utbud?grupp=missbruk');
  assert.equal(r.status, 200);
  assert.match(r.text, /Stödgrupper för barn till föräldrar/);
  assert.doesNotMatch(r.text, /Ledarskapsutbildning för unga/);
  const fee = await anon.get('/utbud?kostnad=avgift');
  assert.match(fee.text, /Ledarskapsutbildning för unga/);
  assert.doesNotMatch(fee.text, /Pratcafé/);
  assert.equal((await anon.get('/utbud?oppet=1')).status, 200);
  for (const q of ['grupp=finns-inte', 'kostnad=dyrt', 'grupp=%FF']) assertErrorPage(await anon.get(`/utbud?${q}`), 400, q);
  assertErrorPage(await anon.get('/utbud/999999'), 404);
  assertErrorPage(await anon.get('/utbud/abc'), 404);
});

// ---- HSDS: a small JSON Schema check written here ----
function check(schema, value, path = '$') {
  const errs = [];
  const t = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  const types = [].concat(schema.type || []);
  if (types.length && !types.includes(t) && !(types.includes('number') && t === 'integer')) {
    return [`${path}: ${t} is not ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errs.push(`${path}: ${value} not in ${schema.enum}`);
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) errs.push(`${path}: ${value} !~ ${schema.pattern}`);
  if (schema.minimum !== undefined && value < schema.minimum) errs.push(`${path}: below ${schema.minimum}`);
  for (const k of schema.required || []) if (!(k in value)) errs.push(`${path}: missing ${k}`);
  for (const [k, s] of Object.entries(schema.properties || {})) if (k in value) errs.push(...check(s, value[k], `${path}.${k}`));
  if (schema.items) value.forEach((v, i) => errs.push(...check(schema.items, v, `${path}[${i}]`)));
  return errs;
}
const S = { type: 'string' };
const ID = { type: 'string', pattern: '^samskap:' };
const TIME = { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' };
const HSDS = {
  type: 'object',
  required: ['organization', 'service', 'location', 'service_at_location', 'schedule', 'taxonomy_term', 'attribute'],
  properties: {
    organization: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: ID, name: S, url: S } } },
    service: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'organization_id', 'name', 'status'],
        properties: {
          id: ID, organization_id: ID, name: S, description: S, url: S, fees_description: S,
          status: { type: 'string', enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
          minimum_age: { type: 'number', minimum: 0 }, maximum_age: { type: 'number', minimum: 0 },
          last_modified: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT' },
        },
      },
    },
    location: { type: 'array', items: { type: 'object', required: ['id', 'location_type'], properties: { id: ID, location_type: { type: 'string', enum: ['physical', 'postal', 'virtual'] }, name: S } } },
    address: { type: 'array', items: { type: 'object', required: ['id', 'location_id', 'address_1', 'city', 'country'], properties: { country: { type: 'string', pattern: '^[A-Z]{2}$' } } } },
    service_at_location: { type: 'array', items: { type: 'object', required: ['id', 'service_id', 'location_id'], properties: { service_id: ID, location_id: ID } } },
    schedule: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'service_id', 'freq', 'byday', 'opens_at', 'closes_at'],
        properties: { freq: { type: 'string', enum: ['WEEKLY', 'MONTHLY'] }, byday: { type: 'string', pattern: '^(MO|TU|WE|TH|FR|SA|SU)$' }, opens_at: TIME, closes_at: TIME },
      },
    },
    language: { type: 'array', items: { type: 'object', required: ['id', 'service_id', 'name'] } },
    taxonomy_term: { type: 'array', items: { type: 'object', required: ['id', 'code', 'name'], properties: { id: ID } } },
    attribute: { type: 'array', items: { type: 'object', required: ['id', 'link_id', 'link_type', 'taxonomy_term_id'], properties: { link_type: { type: 'string', enum: ['service', 'organization', 'location'] } } } },
  },
};

test('the HSDS export validates, refers only to what it holds, and matches the CSV', async () => {
  const r = await anon.get('/utbud.json');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const doc = JSON.parse(r.text);
  assert.deepEqual(check(HSDS, doc), []);
  assert.deepEqual(check(HSDS, { ...doc, service: [{ id: 'x' }] }).length > 0, true, 'the check cannot fail');
  const ids = (k) => new Set(doc[k].map((x) => x.id));
  const orgs = ids('organization'); const services = ids('service'); const locs = ids('location'); const terms = ids('taxonomy_term');
  for (const s of doc.service) assert.ok(orgs.has(s.organization_id));
  for (const x of doc.service_at_location) assert.ok(services.has(x.service_id) && locs.has(x.location_id));
  for (const x of doc.schedule) assert.ok(services.has(x.service_id));
  for (const x of doc.attribute) assert.ok(services.has(x.link_id) && terms.has(x.taxonomy_term_id));
  assert.ok(doc.service.some((s) => s.name === 'Pratcafé mot ofrivillig ensamhet'));
  assert.ok(doc.schedule.some((s) => s.byday === 'TU' && s.opens_at === '14:00'));
  assert.ok(!r.text.includes('@gmail'), 'a private address in open data');
  const csv = await anon.get('/utbud.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'id');
  assert.equal(lines.length - 1, doc.service.length);
});

test('a news post is found only while published: draft, published, back to draft', async () => {
  const comm = await signedIn(srv, 'kommunikator@example.org');
  const word = `regnbågsfest${rand()}`;
  const made = await comm.submit('/nyheter/ny', '/nyheter/ny', { rubrik: `Utkast om ${word}`, text: `Hemligt ${word}.`, status: 'utkast' });
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const path = made.location;
  assert.equal(total((await sok(word)).text), 0, 'a draft is found');
  assert.equal((await sok(`${word}en`)).text.includes('Menade du'), false, 'a draft word is suggested');
  const pub = await comm.submit(`${path}/redigera`, `${path}/redigera`, { rubrik: `Nyhet om ${word}`, text: `Nu publicerat: ${word}.`, status: 'publicerad' });
  assert.equal(pub.status, 303, pub.text.slice(0, 300));
  const found = await sok(word);
  assert.deepEqual(hits(found.text).map((h) => h.url), [path]);
  assert.match(found.text, /Nyhet<\/p>|Nyhet ·/);
  const back = await comm.submit(`${path}/redigera`, `${path}/redigera`, { rubrik: `Nyhet om ${word}`, text: `Tillbaka: ${word}.`, status: 'utkast' });
  assert.equal(back.status, 303);
  assert.equal(total((await sok(word)).text), 0, 'an unpublished post is still found');
});
