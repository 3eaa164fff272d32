// Public events (issue 9) against the real binary: an organiser makes an
// event; people without an account register, confirm by the e-mailed
// link, land on the waiting list when it is full, get an offer when a
// place frees, accept it or let it expire (the clock is the test's); a
// second registration of one address; bad input of every kind; the
// calendar pages; the iCalendar feed read by python3-icalendar; the CSV;
// retention erasing registrations while the counts stay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Client } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL, sql } from './calls_helpers.mjs';
import { createEvent, dayFromNow, link, mailTo, press, register, startEventsServer } from './events_helpers.mjs';

let srv;
let k;
before(async () => {
  srv = await startEventsServer();
  k = await signedIn(srv, EMAIL.koordinator);
});
after(async () => { if (process.env.EVENTS_LOG) console.log(srv.log().split('\n').filter((l) => !/ INFO /.test(l)).join('\n')); await srv?.stop(); });

test('register, confirm, full, waiting list, offer on cancellation, accept; expiry passes on', async () => {
  const ev = await createEvent(k, { titel: 'Samtal om trygghet', datum: dayFromNow(20), platser: '2' });
  assert.equal(ev.occ.length, 1);
  const occ = ev.occ[0];
  const people = ['anna', 'bo', 'cia', 'dan', 'eva'].map((n) => `${n}.${Date.now()}@exempel.se`);
  const tokens = {};
  for (const p of people) {
    const { r } = await register(srv.base, ev.id, occ, p);
    assert.equal(r.status, 303, r.text.slice(0, 2000));
    assert.equal(r.location, '/evenemang/anmald');
    tokens[p] = link(await mailTo(srv, p, 'Bekräfta din anmälan'), 'bekrafta');
  }
  // nothing counts before the link is followed
  let page = await k.get(`/evenemang/${ev.id}`);
  assert.match(page.text, /2 platser kvar/);
  const anon = new Client(srv.base);
  // a mail program opening the link confirms nothing: only the button does
  assert.equal((await anon.get(tokens[people[0]])).status, 200);
  page = await k.get(`/evenemang/${ev.id}`);
  assert.match(page.text, /2 platser kvar/);
  for (const p of people) {
    const r = await press(anon, tokens[p]);
    assert.equal(r.status, 303);
  }
  page = await anon.get(tokens[people[0]]);
  assert.match(page.text, /Bekräftad plats/);
  page = await anon.get(tokens[people[2]]);
  assert.match(page.text, /På väntelistan/);
  assert.match(page.text, /nummer 1 i kön/);
  page = await anon.get(tokens[people[4]]);
  assert.match(page.text, /nummer 3 i kön/);
  page = await k.get(`/evenemang/${ev.id}`);
  assert.match(page.text, /Fullt/);

  // the same address twice: said so, with the link offered again
  const again = await register(srv.base, ev.id, occ, people[0].toUpperCase());
  assert.equal(again.r.status, 409);
  assert.match(again.r.text, /redan anmäld/);

  // a cancellation frees a place: the first waiting gets an offer at once
  const cancelLink = tokens[people[0]].replace('bekrafta', 'avboka');
  let r = await press(anon, cancelLink);
  assert.equal(r.status, 200);
  assert.match(r.text, /avbokad/);
  assert.equal((await anon.get(cancelLink)).status, 404); // erased: the link is gone
  const offer = link(await mailTo(srv, people[2], 'En plats har blivit ledig'), 'erbjudande');
  r = await press(anon, offer);
  assert.equal(r.status, 303);
  page = await anon.get(tokens[people[2]]);
  assert.match(page.text, /Bekräftad plats/);
  r = await press(anon, offer); // twice: no button any more, the page says it is taken
  assert.equal(r.status, 200);

  // the next cancellation offers to dan; his window passes (the clock
  // moves 49 hours) and the sweep passes the place on to eva
  r = await press(anon, tokens[people[1]].replace('bekrafta', 'avboka'));
  assert.equal(r.status, 200);
  const danOffer = link(await mailTo(srv, people[3], 'En plats har blivit ledig'), 'erbjudande');
  srv.setClock(Date.now() / 1000 + 49 * 3600);
  const evaOffer = link(await mailTo(srv, people[4], 'En plats har blivit ledig'), 'erbjudande');
  page = await anon.get(danOffer);
  assert.match(page.text, /gått ut/);
  const late = await anon.postRaw(danOffer, { _csrf: (await anon.csrf(evaOffer, evaOffer)) });
  assert.equal(late.status, 409);
  assert.match(late.text, /gått ut/);
  r = await press(anon, evaOffer);
  assert.equal(r.status, 303);

  srv.realClock();
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  assert.equal(list.status, 200);
  assert.match(list.text, /<dt>Bekräftad plats<\/dt><dd>2<\/dd>/);
  assert.match(list.text, /<dt>På väntelistan<\/dt><dd>0<\/dd>/);
  // nobody but the organisers sees who registered
  assert.equal((await anon.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`)).status, 303);
  const youth = await signedIn(srv, EMAIL.ungdom);
  assert.equal((await youth.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`)).status, 403);
  // CSV: UTF-8 with a BOM
  const csv = await fetch(`${srv.base}/evenemang/${ev.id}/tillfalle/${occ}/anmalningar.csv`,
    { headers: { cookie: k.cookieHeader(), 'x-forwarded-for': k.ip } });
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.match(text, /"Ditt namn";"Din e-postadress"|"Ditt namn";"E-post"/);
  assert.ok(text.includes(people[2]) && text.includes(people[4]));
  assert.ok(!text.includes(people[0]));
});

test('no thanks to an offer: the place passes to the next at once', async () => {
  const ev = await createEvent(k, { titel: 'Filmvisning', datum: dayFromNow(25), platser: '1' });
  const occ = ev.occ[0];
  const [a, b, c] = ['a', 'b', 'c'].map((n) => `nej-${n}.${Date.now()}@exempel.se`);
  const anon = new Client(srv.base);
  const tok = {};
  for (const p of [a, b, c]) {
    await register(srv.base, ev.id, occ, p);
    tok[p] = link(await mailTo(srv, p, 'Bekräfta'), 'bekrafta');
    assert.equal((await press(anon, tok[p])).status, 303);
  }
  assert.equal((await press(anon, tok[a].replace('bekrafta', 'avboka'))).status, 200);
  const offerB = link(await mailTo(srv, b, 'En plats har blivit ledig'), 'erbjudande');
  const page = await anon.get(offerB);
  assert.match(page.text, /Nej tack/);
  const { hiddenFields } = await import('../lib/client.mjs');
  const no = await anon.postRaw(`${offerB}/nej`, hiddenFields(page.text, `${offerB}/nej`));
  assert.equal(no.status, 200);
  assert.match(no.text, /går till nästa i kön/);
  await mailTo(srv, c, 'En plats har blivit ledig');
  assert.equal((await anon.get(offerB)).status, 404);
  assert.equal((await anon.get(tok[b])).status, 404);
});

test('one action, one transaction: when the e-mail cannot be queued, nothing is stored', async () => {
  const ev = await createEvent(k, { titel: 'Frukost på 107:an', datum: dayFromNow(9), platser: '3' });
  const who = `fel.${Date.now()}@exempel.se`;
  srv.failWrite('outbox');
  let { r } = await register(srv.base, ev.id, ev.occ[0], who);
  assert.equal(r.status, 503);
  assert.match(r.text, /Ingenting sparades/);
  srv.failWrite(null);
  ({ r } = await register(srv.base, ev.id, ev.occ[0], who)); // not "registered already": nothing was kept
  assert.equal(r.status, 303);
  const tok = link(await mailTo(srv, who, 'Bekräfta'), 'bekrafta');
  const anon = new Client(srv.base);
  assert.equal((await press(anon, tok)).status, 303);
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${ev.occ[0]}/anmalningar`);
  assert.match(list.text, /<dt>Bekräftad plats<\/dt><dd>1<\/dd>/);
});

test('bad input: Swedish messages, nothing stored, the server keeps serving', async () => {
  const ev = await createEvent(k, { titel: 'Workshop på Plantan', datum: dayFromNow(30), platser: '5' });
  const occ = ev.occ[0];
  const form = `/evenemang/${ev.id}/tillfalle/${occ}`;
  const c = new Client(srv.base);
  const cases = [
    [{ namn: '', epost: 'a@exempel.se' }, /Fyll i|Skriv/],
    [{ namn: 'Anna', epost: 'inte-en-adress' }, /e-postadress/],
    [{ namn: 'Anna 19121212-1212', epost: 'p@exempel.se' }, /personnummer/],
    [{ namn: 'x'.repeat(300), epost: 'l@exempel.se' }, /för lång/],
  ];
  for (const [fields, msg] of cases) {
    const r = await c.submit(form, form, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(r.text, msg);
  }
  // invalid UTF-8
  const csrf = await c.csrf(form, form);
  let r = await c.postBody(form, `_csrf=${encodeURIComponent(csrf)}&namn=%FF%FE&epost=u%40exempel.se`);
  assert.equal(r.status, 400);
  // a youth event asks for the year of birth only, and a real one
  const young = await createEvent(k, { titel: 'Inhabithon', datum: dayFromNow(15), platser: '5', ungdom: '1' });
  const yf = `/evenemang/${young.id}/tillfalle/${young.occ[0]}`;
  assert.match((await c.get(yf)).text, /Födelseår/);
  for (const year of ['1850', '2100', 'tjugo', '']) {
    const yr = await c.submit(yf, yf, { namn: 'Unga Ung', epost: `ung${Date.now()}@exempel.se`, fodelsear: year });
    assert.equal(yr.status, 400, year);
  }
  const ok = await c.submit(yf, yf, { namn: 'Unga Ung', epost: `ung${Date.now()}@exempel.se`, fodelsear: '2009' });
  assert.equal(ok.status, 303);
  // forged and stale links
  for (const p of ['/evenemang/bekrafta/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/evenemang/avboka/kort',
    '/evenemang/erbjudande/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
    r = await c.get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.text, /inte giltig/);
  }
  // the organiser's form
  const bad = [
    [{ titel: 'Slutar före', datum: dayFromNow(10), start: '14:00', slut: '12:00' }, /sluta innan det börjar/],
    [{ titel: 'Regel bakåt', datum: dayFromNow(10), upprepning: 'veckovis', till: dayFromNow(3) }, /slutar innan den börjar/],
    [{ titel: 'Tusentals', datum: dayFromNow(10), upprepning: 'veckovis', veckodag: ['0', '1', '2', '3', '4', '5', '6'], till: '2099-12-31' }, /för många tillfällen/],
    [{ titel: 'Absurd', datum: dayFromNow(10), platser: '100000000' }, /utanför det tillåtna intervallet/],
    [{ titel: 'Negativ', datum: dayFromNow(10), platser: '-5' }, /utanför det tillåtna intervallet/],
    [{ titel: 'Reserverat', datum: dayFromNow(10), platser: '5', reserverade: '6' }, /antal platser mellan 0 och 100 000/],
    [{ titel: 'Utan slut', datum: dayFromNow(10), upprepning: 'veckovis' }, /slutdatum eller hur många/],
    [{ titel: '<script>alert(1)</script> 19121212-1212', datum: dayFromNow(10) }, /personnummer/],
  ];
  for (const [fields, msg] of bad) {
    const p = await k.get('/evenemang/nytt');
    const { hiddenFields } = await import('../lib/client.mjs');
    const body = new URLSearchParams({ ...hiddenFields(p.text, '/evenemang/nytt'), arrangor: 'socialforvaltningen',
      start: '12:00', slut: '14:00', platser: '2' });
    for (const [kk, v] of Object.entries(fields)) {
      body.delete(kk);
      for (const x of [].concat(v)) body.append(kk, x);
    }
    r = await k.postRaw('/evenemang/nytt', body);
    assert.equal(r.status, 400, `${fields.titel}: ${r.status}`);
    assert.match(r.text, msg, fields.titel);
  }
  // nothing of them was stored (unpublished, they would be among the organiser's drafts)
  const mine = (await k.get('/evenemang')).text;
  for (const t of ['Slutar före', 'Regel bakåt', 'Tusentals', 'Absurd', 'Negativ', 'Reserverat', 'Utan slut']) {
    assert.ok(!mine.includes(t), `${t} was stored`);
  }
  // capacity lowered below the confirmed: refused with how many
  const { r: r1 } = await register(srv.base, ev.id, occ, `x${Date.now()}@exempel.se`);
  assert.equal(r1.status, 303, r1.text.match(/<div class="error-summary[\s\S]*?<\/div>/)?.[0]);
  const signed = await signedIn(srv, EMAIL.forening);
  // signed in: the form comes filled in, one click, no e-mail round
  const { inputValue } = await import('../lib/client.mjs');
  const filled = await signed.get(form);
  assert.equal(inputValue(filled.text, 'namn'), 'Rut Nilsson');
  const one = await signed.submit(form, form, { namn: inputValue(filled.text, 'namn'), epost: inputValue(filled.text, 'epost'), behov: 'Hörslinga' });
  assert.equal(one.status, 303);
  assert.equal(one.location, '/evenemang/anmald?s=bekraftad');
  const edit = await k.get(`/evenemang/${ev.id}/redigera`);
  assert.equal(edit.status, 200);
  const { hiddenFields } = await import('../lib/client.mjs');
  r = await k.postRaw(`/evenemang/${ev.id}/redigera`, { ...hiddenFields(edit.text, `/evenemang/${ev.id}/redigera`),
    titel: 'Workshop på Plantan', platser: '0', status: 'oppet', publicera: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text, /under de 1 som redan/);
  // registration for a cancelled event
  r = await k.postRaw(`/evenemang/${ev.id}/redigera`, { ...hiddenFields(edit.text, `/evenemang/${ev.id}/redigera`),
    titel: 'Workshop på Plantan', platser: '5', status: 'installt', publicera: '1' });
  assert.equal(r.status, 303);
  r = await c.get(form);
  assert.equal(r.status, 400);
  assert.match(r.text, /inställt/);
  // whoever had a place is told (Rut, signed in, registered in one click)
  const told = await mailTo(srv, EMAIL.forening, 'Inställt');
  assert.match(told.body, /Workshop på Plantan/);
  r = await c.get(`/evenemang/${ev.id}`);
  assert.match(r.text, /Inställt/);
  assert.doesNotMatch(r.text, new RegExp(`href="${form}"`));
  // after the event
  const past = await createEvent(k, { titel: 'Snart slut', datum: dayFromNow(1), platser: '5' });
  srv.setClock(Date.now() / 1000 + 3 * 86400);
  r = await c.get(`/evenemang/${past.id}/tillfalle/${past.occ[0]}`);
  assert.equal(r.status, 400);
  assert.match(r.text, /redan börjat eller är slut/);
  srv.realClock();
  // one client registering address after address is slowed down (each sends an e-mail)
  const spam = await createEvent(k, { titel: 'Många anmälningar', datum: dayFromNow(12), platser: '100' });
  const bot = new Client(srv.base);
  const sf = `/evenemang/${spam.id}/tillfalle/${spam.occ[0]}`;
  const got = [];
  for (let i = 0; i < 21; i++) got.push((await bot.submit(sf, sf, { namn: 'Bot', epost: `bot${i}.${Date.now()}@exempel.se` })).status);
  assert.deepEqual(got.slice(0, 20), Array(20).fill(303));
  assert.equal(got[20], 429);
  const last = await bot.submit(sf, sf, { namn: 'Bot', epost: `bot-sista@exempel.se` });
  assert.match(last.text, /många anmälningar på kort tid/);
  assert.equal((await fetch(`${srv.base}/healthz`)).status, 200);
});

test('calendar pages, filters, month view and the front page', async () => {
  const anon = new Client(srv.base);
  for (const p of ['/evenemang', '/evenemang?vecka=1', '/evenemang?vy=manad', '/evenemang/serie/skaneveckan',
    '/evenemang?arrangor=socialforvaltningen', '/evenemang?serie=skaneveckan', '/evenemang?tema=Psykisk%20h%C3%A4lsa']) {
    const r = await anon.get(p);
    assert.equal(r.status, 200, p);
  }
  let r = await anon.get('/evenemang?serie=skaneveckan');
  assert.match(r.text, /Run For Mental Health/);
  assert.doesNotMatch(r.text, /Pratcafé på Söder/);
  r = await anon.get('/evenemang?vecka=1');
  assert.match(r.text, /Pratcafé på Söder/); // every Thursday
  r = await anon.get('/evenemang?vy=manad&manad=2026-13');
  assert.equal(r.status, 400);
  r = await anon.get('/evenemang/6/utskrift');
  assert.equal(r.status, 200);
  assert.match(r.text, /Nationell digitaliseringskonferens/);
  assert.match(r.text, /Anmäl dig på http/);
  r = await anon.get('/evenemang/999999');
  assert.equal(r.status, 404);
  r = await anon.get('/');
  assert.match(r.text, /Kommande evenemang/);
});

test('a series with events by several organisers; only organisers see the registrations', async () => {
  const title = `Skåneveckan ${Date.now()}`;
  let r = await k.submit('/evenemang/serie/ny', '/evenemang/serie/ny', { titel: title, beskrivning: 'En vecka om psykisk hälsa.',
    fran: dayFromNow(50), till: dayFromNow(56) });
  assert.equal(r.status, 303, r.text.slice(0, 1500));
  const slug = r.location.match(/\/evenemang\/serie\/(.+)$/)[1];
  r = await k.submit('/evenemang/serie/ny', '/evenemang/serie/ny', { titel: 'Baklänges', fran: dayFromNow(56), till: dayFromNow(50) });
  assert.equal(r.status, 400);
  const ev = await createEvent(k, { titel: 'Föreläsning i serien', datum: dayFromNow(51), serie: slug,
    medarrangor: 'omtanke-helsingborg' });
  const page = await k.get(`/evenemang/${ev.id}`);
  assert.match(page.text, /Omtanke Helsingborg/);
  assert.match(page.text, /Socialförvaltningen/);
  const sp = await new Client(srv.base).get(`/evenemang/serie/${slug}`);
  assert.equal(sp.status, 200);
  assert.match(sp.text, /Föreläsning i serien/);
  assert.match((await new Client(srv.base).get('/evenemang?arrangor=omtanke-helsingborg')).text, /Föreläsning i serien/);
  assert.doesNotMatch((await new Client(srv.base).get('/evenemang?arrangor=finns-inte')).text, /Föreläsning i serien/);
  // forening@example.org represents an organisation that is not among them: no registrations
  const rep = await signedIn(srv, EMAIL.forening);
  assert.equal((await rep.get(`/evenemang/${ev.id}/tillfalle/${ev.occ[0]}/anmalningar`)).status, 403);
  // a draft: only its organisers see it, on their calendar page
  const draft = await createEvent(k, { titel: 'Utkast till träff', datum: dayFromNow(60), publicera: '' });
  assert.match((await k.get('/evenemang')).text, /Dina utkast[\s\S]*Utkast till träff/);
  assert.equal((await new Client(srv.base).get(`/evenemang/${draft.id}`)).status, 404);
  assert.equal((await rep.get(`/evenemang/${draft.id}`)).status, 404);
  assert.doesNotMatch((await rep.get('/evenemang')).text, /Utkast till träff/);
  const youth = await signedIn(srv, EMAIL.ungdom);
  assert.equal((await youth.get('/evenemang/serie/ny')).status, 403);
  assert.equal((await youth.get('/evenemang/nytt')).status, 403);
});

test('iCalendar: python3-icalendar reads the feed; Thursday 12.00 in March and in April', async () => {
  // a weekly Thursday 12.00 from the first Thursday of March next year, ten times
  const y = new Date().getUTCFullYear() + 1;
  let d = new Date(Date.UTC(y, 2, 1));
  while (d.getUTCDay() !== 4) d = new Date(d.getTime() + 86400000);
  const ev = await createEvent(k, { titel: 'Torsdagscafé', datum: d.toISOString().slice(0, 10), upprepning: 'veckovis',
    veckodag: '3', antal: '10', start: '12:00', slut: '13:00' });
  assert.equal(ev.occ.length, 10);
  const ics = await (await fetch(`${srv.base}/evenemang/${ev.id}/kalender.ics`)).text();
  assert.match(ics, /RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TH/);
  const py = `
import sys, icalendar
from datetime import datetime
from dateutil.rrule import rrulestr
cal = icalendar.Calendar.from_ical(sys.stdin.read())
ev = [c for c in cal.walk('VEVENT')][0]
start = ev.get('DTSTART').dt
assert ev.get('DTSTART').params['TZID'] == 'Europe/Stockholm'
tz = start.tzinfo  # from the feed's VTIMEZONE
rule = ev.get('RRULE').to_ical().decode()
for t in rrulestr(rule, dtstart=start.replace(tzinfo=None)):
    local = tz.localize(t) if hasattr(tz, 'localize') else t.replace(tzinfo=tz)
    print(local.strftime('%m %H:%M %z'))
`;
  const out = spawnSync('/usr/bin/python3', ['-c', py], { input: ics, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n');
  assert.equal(lines.length, 10);
  assert.ok(lines.some((l) => l === '03 12:00 +0100'), lines.join('\n'));
  assert.ok(lines.some((l) => l === '04 12:00 +0200'), lines.join('\n'));
  for (const l of lines) assert.match(l, / 12:00 /);
  // an exception of each kind: the third moved to the Friday 13.00, the fifth cancelled (its registered told)
  const who = `inst${Date.now()}@exempel.se`;
  await register(srv.base, ev.id, ev.occ[4], who);
  await press(new Client(srv.base), link(await mailTo(srv, who, 'Bekräfta'), 'bekrafta'));
  const regs = (n) => `/evenemang/${ev.id}/tillfalle/${ev.occ[n]}/anmalningar`;
  const third = new Date(d.getTime() + 14 * 86400000 + 86400000).toISOString().slice(0, 10);
  let r = await k.submit(regs(2), `/evenemang/${ev.id}/tillfalle/${ev.occ[2]}/flytta`, { datum: third, start: '13:00', slut: '14:00' });
  assert.equal(r.status, 303);
  r = await k.submit(regs(4), `/evenemang/${ev.id}/tillfalle/${ev.occ[4]}/installa`);
  assert.equal(r.status, 303);
  await mailTo(srv, who, 'Inställt');
  r = await k.submit(regs(2), `/evenemang/${ev.id}/tillfalle/${ev.occ[2]}/flytta`, { datum: third, start: '15:00', slut: '14:00' });
  assert.equal(r.status, 400);
  assert.match(r.text, /sluta innan det börjar/);
  const ics2 = await (await fetch(`${srv.base}/evenemang/${ev.id}/kalender.ics`)).text();
  assert.equal((ics2.match(/^EXDATE/gm) || []).length, 2);
  assert.match(ics2, /RECURRENCE-ID;TZID=Europe\/Stockholm:\d{8}T120000/);
  assert.match(ics2, new RegExp(`DTSTART;TZID=Europe/Stockholm:${third.replace(/-/g, '')}T130000`));
  const moved = spawnSync('/usr/bin/python3', ['-c', `
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
evs = cal.walk('VEVENT')
master = [e for e in evs if e.get('RRULE')][0]
ex = master.get('EXDATE')
ex = ex if isinstance(ex, list) else [ex]
print(sum(len(x.dts) for x in ex), len(evs), [e.get('DTSTART').dt.strftime('%a %H:%M') for e in evs if e.get('RECURRENCE-ID')][0])
`], { input: ics2, encoding: 'utf8' });
  assert.equal(moved.status, 0, moved.stderr);
  assert.equal(moved.stdout.trim(), '2 2 Fri 13:00');
  // the whole feed parses too
  const all = await (await fetch(`${srv.base}/evenemang/kalender.ics`)).text();
  const parsed = spawnSync('/usr/bin/python3', ['-c', 'import sys, icalendar; c = icalendar.Calendar.from_ical(sys.stdin.read()); print(len(c.walk("VEVENT")))'],
    { input: all, encoding: 'utf8' });
  assert.equal(parsed.status, 0, parsed.stderr);
  assert.ok(Number(parsed.stdout) >= 10);
  for (const p of ['/evenemang/serie/skaneveckan/kalender.ics', '/evenemang/arrangor/socialforvaltningen/kalender.ics']) {
    const r = await fetch(`${srv.base}${p}`);
    assert.equal(r.status, 200, p);
    assert.match(r.headers.get('content-type'), /text\/calendar/);
  }
});

test('retention: registrations disappear after their date, the counts remain', async () => {
  const ev = await createEvent(k, { titel: 'Gallras', datum: dayFromNow(2), platser: '3', gallring: '5' });
  const occ = ev.occ[0];
  const who = `g${Date.now()}@exempel.se`;
  await register(srv.base, ev.id, occ, who);
  const confirm = link(await mailTo(srv, who, 'Bekräfta din anmälan'), 'bekrafta');
  const anon = new Client(srv.base);
  assert.equal((await press(anon, confirm)).status, 303);
  srv.setClock(Date.now() / 1000 + 4 * 86400); // after the event, before the date
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await anon.get(confirm)).status, 200);
  srv.setClock(Date.now() / 1000 + 8 * 86400); // after the retention date
  const deadline = Date.now() + 15000;
  while ((await anon.get(confirm)).status !== 404) {
    assert.ok(Date.now() < deadline, 'the registration was not erased');
    await new Promise((r) => setTimeout(r, 200));
  }
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  assert.match(list.text, /<dt>Bekräftad plats<\/dt><dd>1<\/dd>/);
  assert.match(list.text, /borttagna enligt gallringen/);
  assert.ok(!list.text.includes(who));
  srv.realClock();
});

test('the whole calendar feed leaves out events over for more than 30 days; their own feed keeps them', async () => {
  const recent = await createEvent(k, { titel: 'Nyss hållen träff', datum: dayFromNow(3) });
  const old = await createEvent(k, { titel: 'Länge sedan hållen träff', datum: dayFromNow(3) });
  // move the occurrences into the past: 10 days and 40 days ago
  sql(srv, [
    `UPDATE event_occurrences SET starts_at = starts_at - 13 * 86400, ends_at = ends_at - 13 * 86400 WHERE event_id = ${recent.id}`,
    `UPDATE event_occurrences SET starts_at = starts_at - 43 * 86400, ends_at = ends_at - 43 * 86400 WHERE event_id = ${old.id}`,
    ...(srv.kind === 'pg' ? ["SELECT nextval('content_version_seq')"] : []), // the page cache's content version
  ]);
  const all = await (await fetch(`${srv.base}/evenemang/kalender.ics`)).text();
  assert.match(all, /SUMMARY:Nyss hållen träff/, 'an event over for 10 days is still in the feed');
  assert.doesNotMatch(all, /SUMMARY:Länge sedan hållen träff/, 'an event over for 40 days is left out');
  const own = await (await fetch(`${srv.base}/evenemang/${old.id}/kalender.ics`)).text();
  assert.match(own, /SUMMARY:Länge sedan hållen träff/, "the event's own feed keeps it");
});
