// Issue 8, flow faults 5 and 7: "Ladda ner allt vi har sparat om dig"
// holds everything stored about the person (JSON and a readable page),
// and nothing private of anyone else; an association can ask to join:
// a request to represent an organisation, approved or declined by a
// coordinator or the organisation's representatives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMAIL, OPEN, Client, grantedIdea, lineIds, personWithRole, postClaim, claimIds, signedIn, sql, sqlInt,
  startCallsServer, rand, unescapeHtml, waitMail,
} from './calls_helpers.mjs';
import { suggest, GROUP } from './group_helpers.mjs';
import { createEvent, dayFromNow } from './events_helpers.mjs';

let srv;
let k;
before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
});
after(async () => { await srv.stop(); });

const POST = '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022';

function textOf(html) {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

async function exportOf(c) {
  const j = await c.get('/konto/mina-uppgifter.json');
  assert.equal(j.status, 200);
  assert.match(j.headers.get('content-type'), /^application\/json/);
  const h = await c.get('/konto/mina-uppgifter');
  assert.equal(h.status, 200);
  return { json: JSON.parse(j.text), raw: j.text, html: h.text, text: textOf(h.text) };
}

/** The id of the organisation called `name` in the sign-up select. */
async function orgOption(name) {
  const r = await new Client(srv.base).get('/registrera');
  const m = r.text.match(new RegExp(`<option value="(\\d+)"[^>]*>${name}</option>`));
  assert.ok(m, `${name} is not offered at sign-up`);
  return m[1];
}

async function signupWithOrg(name, org) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${rand()}@example.org`;
  const c = new Client(srv.base);
  const r = await c.submit('/registrera', '/registrera', {
    namn: name, epost: email, losenord: 'ett-langt-losenord-1', losenord2: 'ett-langt-losenord-1', org,
  });
  assert.equal(r.status, 303, `sign-up: ${r.status} ${textOf(r.text).slice(0, 300)}`);
  c.email = email;
  c.name = name;
  return c;
}

function waitingRequest(uid) {
  return sqlInt(srv, `SELECT id FROM org_requests WHERE user_id = (SELECT id FROM users WHERE email = '${uid}') AND status = 'vantar'`);
}

test('the export holds one of everything stored about the person, in JSON and on the readable page', async () => {
  const name = `Exportperson ${rand()}`;
  const p = await personWithRole(srv, 'ungdom', name);
  // an idea with budget lines, granted, and a claim with a receipt
  const ideaTitle = `Exportidé ${rand()}`;
  const ideaId = await grantedIdea(p, k, OPEN, {
    title: ideaTitle,
    lines: [{ cat: 'Fika och material', text: 'Fika till exporttestet', amount: '1 500' }],
  });
  const claim = await postClaim(p, ideaId, { rad: lineIds(srv, ideaId)[0], beskrivning: 'Kanelbullar till exporttestet', belopp: '120' });
  assert.equal(claim.status, 303, `claim: ${claim.status}`);
  const claimId = claimIds(srv, ideaId).at(-1);
  // a comment (signed in) and a topic suggestion
  const cf = await p.get(POST);
  assert.equal(cf.status, 200);
  const cm = await p.submit(POST, `${POST}/kommentera`, { namn: name, epost: p.email, kommentar: 'En kommentar till exporttestet.' });
  assert.equal(cm.status, 303, `comment: ${cm.status}`);
  const sg = await suggest(p, { tema: 'Ett ämne till exporttestet', namn: name });
  assert.equal(sg.status, 303, `suggestion: ${sg.status}`);
  // a request to represent an organisation, approved: membership, role, audit, notifications
  const verdandi = await orgOption('Verdandi');
  const ask = await p.submit('/konto/organisation', '/konto/organisation', { org: verdandi, meddelande: 'Jag leder läxhjälpen.' });
  assert.equal(ask.status, 303, `request: ${ask.status} ${textOf(ask.text).slice(0, 300)}`);
  const rq = waitingRequest(p.email);
  const ok = await k.submit('/konto/forfragningar', `/konto/forfragningar/${rq}`, { beslut: 'godkann' });
  assert.equal(ok.status, 303);
  // a participant of an activity
  const uid = sqlInt(srv, `SELECT id FROM users WHERE email = '${p.email}'`);
  const act = sqlInt(srv, 'SELECT MIN(id) FROM activities');
  sql(srv, [`INSERT INTO activity_participants(activity_id, user_id) VALUES (${act}, ${uid})`]);
  const actTitle = sql(srv, [`SELECT title FROM activities WHERE id = ${act}`]).trim();
  // event registrations: one made signed in on the event's page, one made
  // signed out with the same address in other letter case (found by address)
  const evTitle = `Exportevenemang ${rand()}`;
  const ev = await createEvent(k, { titel: evTitle, datum: dayFromNow(12), platser: '3' });
  const occPath = `/evenemang/${ev.id}/tillfalle/${ev.occ[0]}`;
  const reg = await p.submit(occPath, occPath, { namn: name, epost: p.email, behov: 'Hörslinga, tack' });
  assert.equal(reg.status, 303, `event registration: ${reg.status} ${textOf(reg.text).slice(0, 300)}`);
  const ev2Title = `Exportevenemang utan konto ${rand()}`;
  const ev2 = await createEvent(k, { titel: ev2Title, datum: dayFromNow(14), platser: '3' });
  sql(srv, [`INSERT INTO event_registrations(occurrence_id, user_id, name, email, email_fold, needs, birth_year, status, token_hash, attended, created_at, updated_at)
    VALUES (${ev2.occ[0]}, NULL, '${name}', '${p.email.toUpperCase()}', '${p.email.toLowerCase()}', '', 0, 'bekraftad', 'export-${rand()}', 0, 0, 0)`]);
  // someone else's registration at the same occurrence stays theirs
  sql(srv, [`INSERT INTO event_registrations(occurrence_id, user_id, name, email, email_fold, needs, birth_year, status, token_hash, attended, created_at, updated_at)
    VALUES (${ev.occ[0]}, NULL, 'Annan Evenemangsgäst', 'annan.gast@example.org', 'annan.gast@example.org', 'Annans behov', 0, 'bekraftad', 'export-${rand()}', 0, 0, 0)`]);

  const e = await exportOf(p);
  const d = e.json.delar;
  const rows = (key) => { assert.ok(d[key], `no part ${key}`); return d[key].rader; };
  for (const [key, part] of Object.entries(d)) {
    for (const f of ['vad', 'varfor', 'hur_lange']) assert.ok(part[f] && !part[f].startsWith('export.'), `${key}.${f} has no text`);
  }
  assert.equal(e.json.namn, name);
  assert.equal(rows('konto')[0].epost, p.email);
  assert.ok(rows('roller').some((r) => r.roll === 'ungdom'));
  assert.ok(rows('roller').some((r) => r.roll === 'foreningsrepresentant'));
  assert.ok(rows('sessioner').length >= 1);
  assert.deepEqual(rows('organisationer').map((r) => r.organisation), ['Verdandi']);
  assert.equal(rows('forfragningar')[0].status, 'godkand');
  assert.equal(rows('forfragningar')[0].meddelande, 'Jag leder läxhjälpen.');
  const idea = rows('ideer').find((r) => r.titel === ideaTitle);
  assert.ok(idea, 'the idea is missing');
  assert.equal(idea.status, 'beviljad');
  assert.ok(rows('budgetrader').some((r) => r.beskrivning === 'Fika till exporttestet' && r.sokt_ore === '150000'));
  assert.ok(rows('idehistorik').some((r) => r.till === 'beviljad'));
  const c = rows('utlagg').find((r) => r.id === String(claimId));
  assert.ok(c, 'the claim is missing');
  assert.equal(c.beskrivning, 'Kanelbullar till exporttestet');
  assert.equal(c.kvitto_filnamn, 'kvitto.png');
  assert.equal(c.kvitto_typ, 'image/png');
  assert.match(c.kvitto_lank, new RegExp(`/utlagg/${claimId}/kvitto$`));
  const receipt = await p.get(`/utlagg/${claimId}/kvitto`);
  assert.equal(receipt.status, 200, 'the receipt link does not download');
  assert.ok(rows('kommentarer').some((r) => r.text === 'En kommentar till exporttestet.'));
  assert.ok(rows('amnesforslag').some((r) => r.forslag === 'Ett ämne till exporttestet'));
  assert.ok(rows('aktiviteter').some((r) => r.aktivitet === actTitle));
  const evRows = rows('evenemang_anmalningar');
  assert.equal(evRows.length, 2, JSON.stringify(evRows));
  const signedInReg = evRows.find((r) => r.evenemang === evTitle);
  assert.ok(signedInReg, 'the registration made signed in is missing');
  assert.equal(signedInReg.dag, dayFromNow(12));
  assert.equal(signedInReg.start, '12:00');
  assert.equal(signedInReg.namn, name);
  assert.equal(signedInReg.epost, p.email);
  assert.equal(signedInReg.behov, 'Hörslinga, tack');
  assert.equal(signedInReg.status, 'bekraftad', 'signed in with the account\'s own address: confirmed at once');
  const byAddress = evRows.find((r) => r.evenemang === ev2Title);
  assert.ok(byAddress, 'the registration made with the same address is missing');
  assert.equal(byAddress.status, 'bekraftad');
  assert.ok(!e.raw.includes('Annan Evenemangsgäst') && !e.raw.includes('Annans behov'), 'another person\'s registration is in the export');
  assert.ok(rows('aviseringar').length >= 2, 'the decision and request notices are missing');
  assert.ok(rows('aviseringar').some((r) => /Verdandi/.test(r.text)));
  assert.ok(rows('epost').some((r) => r.till === p.email));
  assert.ok(rows('logg').some((r) => r.handelse === 'representant.godkann'));
  assert.ok(rows('logg').some((r) => r.handelse === 'representant.fraga'));
  // the readable page: every part with what, why and how long, and the same things
  assert.match(e.html, /<h1>Allt vi har sparat om dig<\/h1>/);
  for (const key of Object.keys(d)) assert.match(e.html, new RegExp(`<h2 id="del-${key}">`), `no section ${key}`);
  assert.equal((e.html.match(/<dt>Varför vi sparar det<\/dt>/g) || []).length, Object.keys(d).length);
  assert.equal((e.html.match(/<dt>Hur länge<\/dt>/g) || []).length, Object.keys(d).length);
  for (const s of [ideaTitle, 'Fika till exporttestet', 'Kanelbullar till exporttestet', 'kvitto.png',
    'En kommentar till exporttestet.', 'Ett ämne till exporttestet', actTitle, 'Verdandi', 'Jag leder läxhjälpen.',
    'representant.godkann', 'bokföringslagen', evTitle, ev2Title, 'Hörslinga, tack', 'Anmälningar till evenemang']) {
    assert.ok(e.text.includes(s), `the page lacks ${s}`);
  }
  assert.match(e.html, new RegExp(`<a href="/utlagg/${claimId}/kvitto">`));
  assert.doesNotMatch(e.raw + e.html, /argon2|password_hash|token_hash/i);
});

test('the export holds nothing private of another person (another claimant\'s e-mail, comments, requests)', async () => {
  const a = await personWithRole(srv, 'ungdom', `Anna Export ${rand()}`);
  const b = await personWithRole(srv, 'ungdom', `Bertil Export ${rand()}`);
  const ia = await grantedIdea(a, k, OPEN, { title: `Annas idé ${rand()}` });
  const ib = await grantedIdea(b, k, OPEN, { title: `Bertils idé ${rand()}` });
  assert.equal((await postClaim(a, ia, { rad: lineIds(srv, ia)[0], beskrivning: 'Annas utlägg' })).status, 303);
  assert.equal((await postClaim(b, ib, { rad: lineIds(srv, ib)[0], beskrivning: 'Bertils utlägg' })).status, 303);
  await b.submit(POST, `${POST}/kommentera`, { namn: b.name, epost: b.email, kommentar: 'Bertils kommentar.' });
  const ea = await exportOf(a);
  for (const s of [b.email, b.name, 'Bertils utlägg', 'Bertils kommentar.', EMAIL.koordinator, EMAIL.admin]) {
    assert.ok(!ea.raw.includes(s), `the JSON export has ${s}`);
    assert.ok(!ea.text.includes(s), `the export page has ${s}`);
  }
  // and the coordinator who decided both ideas and claims sees only numbers of them
  const ek = await exportOf(k);
  for (const s of [a.email, b.email, 'Annas utlägg', 'Bertils utlägg']) {
    assert.ok(!ek.raw.includes(s), `the coordinator's export has ${s}`);
  }
});

test('sign-up with an organisation: its representative approves; the requester is told and becomes a representative', async () => {
  const framtid = await orgOption('Framtidsverkstaden');
  const c = await signupWithOrg('Vera Verkstad', framtid);
  const rq = waitingRequest(c.email);
  assert.ok(rq > 0, 'no waiting request');
  // the organisation's representative (Rut Nilsson) and the coordinators are told, in the site and by e-mail
  const rep = await signedIn(srv, EMAIL.forening);
  const n = await rep.get('/aviseringar');
  assert.match(textOf(n.text), /Ny förfrågan om att representera en organisation: Vera Verkstad – Framtidsverkstaden/);
  await waitMail(srv, { to: EMAIL.forening, subject: 'Ny förfrågan', body: 'Vera Verkstad – Framtidsverkstaden' });
  const kn = await k.get('/aviseringar');
  assert.match(textOf(kn.text), /Vera Verkstad – Framtidsverkstaden/);
  // a non-representative (another organisation's, without coordinator role) may not decide
  const other = await personWithRole(srv, 'foreningsrepresentant', `Olle Annan ${rand()}`);
  const csrf = (await other.get('/konto/organisation')).text.match(/name="_csrf" value="([^"]+)"/)[1];
  const no = await other.postRaw(`/konto/forfragningar/${rq}`, { _csrf: csrf, beslut: 'godkann' });
  assert.equal(no.status, 403);
  assert.doesNotMatch(textOf((await other.get('/konto/forfragningar')).text), /Vera Verkstad/);
  // nor the requester themselves
  const self = await c.postRaw(`/konto/forfragningar/${rq}`, { _csrf: (await c.get('/konto/organisation')).text.match(/name="_csrf" value="([^"]+)"/)[1], beslut: 'godkann' });
  assert.equal(self.status, 403);
  assert.equal(sql(srv, [`SELECT status FROM org_requests WHERE id = ${rq}`]).trim(), 'vantar');
  // the representative sees it in the queue and approves
  const q = await rep.get('/konto/forfragningar');
  assert.match(textOf(q.text), /Vera Verkstad – Framtidsverkstaden/);
  const ok = await rep.submit('/konto/forfragningar', `/konto/forfragningar/${rq}`, { beslut: 'godkann' });
  assert.equal(ok.status, 303);
  const acc = await c.get('/konto');
  assert.match(acc.text, /<a href="\/organisationer\/[^"]+">Framtidsverkstaden<\/a>/, 'not a representative');
  assert.match(textOf(acc.text), /Föreningsrepresentant/i);
  assert.match(textOf((await c.get('/aviseringar')).text), /Din förfrågan om att representera Framtidsverkstaden: godkänd/);
  await waitMail(srv, { to: c.email, subject: 'Din förfrågan', body: 'Framtidsverkstaden: godkänd' });
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM audit_log WHERE action = 'representant.godkann' AND subject = 'user:' || (SELECT id FROM users WHERE email = '${c.email}')`), 1);
  // deciding again is a conflict, nothing changes
  const again = await rep.submit('/konto/forfragningar', `/konto/forfragningar/${rq}`, { beslut: 'avsla' }).catch(() => null);
  if (again) assert.notEqual(again.status, 303);
});

test('from Mitt konto: a request declined by a coordinator; the requester is told, gets no role', async () => {
  const c = await personWithRole(srv, null, `Dag Avslag ${rand()}`);
  const verdandi = await orgOption('Verdandi');
  // the organisation's page offers the request, with the organisation chosen
  const slug = sql(srv, [`SELECT slug FROM organisations WHERE id = ${verdandi}`]).trim();
  const prof = await c.get(`/organisationer/${slug}`);
  assert.match(prof.text, new RegExp(`<a href="/konto/organisation\\?org=${verdandi}">`));
  const anonProf = await new Client(srv.base).get(`/organisationer/${slug}`);
  assert.match(anonProf.text, new RegExp(`<a href="/registrera\\?org=${verdandi}">`));
  assert.match((await new Client(srv.base).get(`/registrera?org=${verdandi}`)).text, new RegExp(`<option value="${verdandi}" selected>Verdandi</option>`));
  const form = await c.get(`/konto/organisation?org=${verdandi}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<label for="f-org">/);
  assert.match(form.text, new RegExp(`<option value="${verdandi}" selected>Verdandi</option>`));
  const r = await c.submit('/konto/organisation', '/konto/organisation', { org: verdandi, meddelande: '' });
  assert.equal(r.status, 303);
  // twice is refused with a message at the field
  const twice = await c.submit('/konto/organisation', '/konto/organisation', { org: verdandi, meddelande: '' });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /Du har redan en förfrågan som väntar/);
  const rq = waitingRequest(c.email);
  const no = await k.submit('/konto/forfragningar', `/konto/forfragningar/${rq}`, { beslut: 'avsla' });
  assert.equal(no.status, 303);
  assert.equal(sql(srv, [`SELECT status FROM org_requests WHERE id = ${rq}`]).trim(), 'avslagen');
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM org_representatives WHERE user_id = (SELECT id FROM users WHERE email = '${c.email}')`), 0);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM user_roles WHERE user_id = (SELECT id FROM users WHERE email = '${c.email}')`), 0);
  assert.match(textOf((await c.get('/aviseringar')).text), /Din förfrågan om att representera Verdandi: avslagen/);
  assert.match(textOf((await c.get('/konto/organisation')).text), /Verdandi · .* · avslagen/);
  // the audit log says it in words: the request and the decision
  const log = textOf((await (await signedIn(srv, EMAIL.admin)).get('/admin/logg')).text);
  assert.match(log, new RegExp(`${c.name} bad om att få representera Verdandi`));
  assert.match(log, new RegExp(`avslog att ${c.name} representerar Verdandi`));
});

test('the mapping requests a person sent are in their export, and nobody else\'s', async () => {
  const kid = sqlInt(srv, `SELECT id FROM users WHERE email = '${EMAIL.koordinator}'`);
  const other = sqlInt(srv, "SELECT id FROM users WHERE email = 'admin@example.org'");
  const now = Math.floor(Date.now() / 1000);
  sql(srv, [`INSERT INTO mapping_requests(title, message, created_by, created_at)
    VALUES ('Exporttestets kartläggning', 'Vad erbjuder ni?', ${kid}, ${now}),
           ('Någon annans kartläggning', 'Inte din', ${other}, ${now})`]);
  const e = await exportOf(k);
  const rows = e.json.delar.kartlaggningar.rader;
  const mine = rows.find((r) => r.rubrik === 'Exporttestets kartläggning');
  assert.ok(mine, JSON.stringify(rows));
  assert.equal(mine.meddelande, 'Vad erbjuder ni?');
  assert.ok(!rows.some((r) => r.rubrik === 'Någon annans kartläggning'), 'another person\'s request is in the export');
  assert.match(e.text, /Kartläggningar du skickat/);
});

test('the JSON export escapes every character a text may hold, and leaves out a text that is not UTF-8', async () => {
  const p = await personWithRole(srv, 'ungdom', `Tecken ${rand()}`);
  const uid = sqlInt(srv, `SELECT id FROM users WHERE email = '${p.email}'`);
  // quote, backslash, newline, tab, CR, a control, å, an emoji, and an
  // 8-byte plain run on each side of every special (the writer skips 8 at a time)
  const odd = 'abcdefgh"ijklmnop\\qrstuvwx\nyz012345\t6789ABCD\rEFGH\u0001IJ å och 😀 slut';
  const lit = (s) => `'${s.replace(/'/g, "''")}'`;
  const esc = srv.kind === 'pg' ? `E'${odd.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\u0001/g, '\\x01')}'` : lit(odd);
  sql(srv, [`INSERT INTO notifications(user_id, at, text, link, read_at) VALUES (${uid}, 1700000000, ${esc}, '/a', NULL)`]);
  if (srv.kind !== 'pg') { // PostgreSQL refuses bytes that are not UTF-8; SQLite keeps them
    sql(srv, [`INSERT INTO notifications(user_id, at, text, link, read_at) VALUES (${uid}, 1700000001, CAST(X'41C328' AS TEXT), '/b', NULL)`]);
  }
  const e = await exportOf(p);
  const rows = e.json.delar.aviseringar.rader;
  const good = rows.find((r) => r.lank === '/a');
  assert.ok(good, e.raw.slice(0, 400));
  assert.equal(good.text, odd);
  assert.match(e.raw, /\\u0001/);
  assert.match(e.raw, /\\"ijklmnop\\\\qrstuvwx\\nyz012345\\t6789ABCD\\rEFGH/);
  if (srv.kind !== 'pg') {
    const bad = rows.find((r) => r.lank === '/b');
    assert.ok(bad, 'the row with the broken text is missing');
    assert.equal('text' in bad, false, 'a text that is not UTF-8 is left out');
    assert.equal(typeof bad.tid, 'string');
  }
  // the readable page shows the same text, escaped as HTML
  assert.ok(e.html.includes('abcdefgh&quot;ijklmnop\\qrstuvwx'), 'the page does not show the text');
});
