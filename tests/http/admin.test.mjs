// Administration: granting and revoking roles, organisation
// representatives, the audit log, and who may do any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { sql } from './calls_helpers.mjs';
import { Client, hiddenFields } from '../lib/client.mjs';
import {
  assertErrorPage, assertHealthy, assertSecurityHeaders, orgId, signedIn, userId,
} from '../lib/http.mjs';

let srv;
let admin;
let youthId;
before(async () => {
  srv = await startServer();
  admin = await signedIn(srv, 'admin@example.org');
  youthId = await userId(admin, 'Yasmin Ali');
});
after(async () => { await srv.stop(); });

/** Grants or revokes through the user page as `who` sees it. */
async function roleAs(who, uid, roll, atgard) {
  const page = await who.get(`/admin/anvandare/${uid}`);
  const token = hiddenFields(page.text, `/admin/anvandare/${uid}/roller`)._csrf;
  return who.postRaw(`/admin/anvandare/${uid}/roller`, { _csrf: token, roll, atgard });
}

async function setRole(who, uid, roll, atgard) {
  const page = await admin.get(`/admin/anvandare/${uid}`);
  const token = hiddenFields(page.text, `/admin/anvandare/${uid}/roller`)._csrf;
  return who.postRaw(`/admin/anvandare/${uid}/roller`, { _csrf: who === admin ? token : await who.csrf('/konto', '/logga-ut'), roll, atgard });
}

/** The audit log's rows (issue 8: a sentence with names and links, the raw
 *  code "action | subject | detail" kept in a <details> for auditors). */
function auditRows(html) {
  return [...html.matchAll(/<tr><td>([^<]*)<\/td><td class="audit-event">(.*?)<\/td><td><details><summary>[^<]*<\/summary><code class="audit-code">([^<]*) \| ([^<]*) \| ([^<]*)<\/code><\/details><\/td><\/tr>/g)]
    .map((m) => ({ when: m[1], event: m[2].replace(/<[^>]*>/g, ''), eventHtml: m[2], what: m[3], subject: m[4], detail: m[5] }));
}

test('the user list shows people and their roles but no e-mail addresses', async () => {
  const r = await admin.get('/admin');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<h1>Användare och roller<\/h1>/);
  for (const n of ['Alva Andersson', 'Kim Karlsson', 'Kai Lindqvist', 'Rut Nilsson', 'Yasmin Ali', 'Nils Berg', 'Ia Holm'])
    assert.ok(r.text.includes(n), `${n} missing`);
  // the seven demo accounts and the eleven people of the demo inhabithon (src/demo/hackathon.c)
  assert.match(r.text, /Antal användare: 18/);
  assert.doesNotMatch(r.text, /@example\.org/);
  const q = await admin.get('/admin?q=yasmin');
  assert.ok(q.text.includes('Yasmin Ali'));
  assert.ok(!q.text.includes('Kim Karlsson'), 'the search does not filter');
  const user = await admin.get(`/admin/anvandare/${youthId}`);
  assert.equal(user.status, 200);
  assert.match(user.text, /Ungdom \(13–18 år\): <strong>ja<\/strong>/);
  assert.doesNotMatch(user.text, /ungdom@example\.org/);
});

test('an administrator grants and revokes a role; the audit log lists both', async () => {
  const youth = await signedIn(srv, 'ungdom@example.org');
  assertErrorPage(await youth.get('/redaktion'), 403, 'before the grant');

  let r = await setRole(admin, youthId, 'kommunikator', 'ge');
  assert.equal(r.status, 303);
  assert.equal(r.location, `/admin/anvandare/${youthId}`);
  let page = await admin.get(r.location);
  assert.match(page.text, /Sparat\./);
  assert.match(page.text, /Kommunikatör: <strong>ja<\/strong>/);
  const desk = await youth.get('/redaktion');
  assert.equal(desk.status, 200, 'the new role has no effect');
  assert.match((await youth.get('/')).text, /href="\/redaktion"/);

  r = await setRole(admin, youthId, 'kommunikator', 'ta');
  assert.equal(r.status, 303);
  page = await admin.get(`/admin/anvandare/${youthId}`);
  assert.match(page.text, /Kommunikatör: <strong>nej<\/strong>/);
  assertErrorPage(await youth.get('/redaktion'), 403, 'after the revoke');

  const log = await admin.get('/admin/logg');
  assert.equal(log.status, 200);
  const rows = auditRows(log.text);
  const grant = rows.find((x) => x.what === 'roll.ge' && x.detail === 'kommunikator' && x.subject === `user:${youthId}`);
  const revoke = rows.find((x) => x.what === 'roll.ta' && x.detail === 'kommunikator' && x.subject === `user:${youthId}`);
  assert.ok(grant, 'the grant is not in the audit log');
  assert.ok(revoke, 'the revoke is not in the audit log');
  // written in Swedish with names and links (the raw code above stays for auditors)
  assert.equal(grant.event, 'Alva Andersson gav Yasmin Ali rollen Kommunikatör');
  assert.equal(revoke.event, 'Alva Andersson tog rollen Kommunikatör från Yasmin Ali');
  assert.match(grant.eventHtml, new RegExp(`<a href="/admin/anvandare/\\d+">Alva Andersson</a> gav <a href="/admin/anvandare/${youthId}">Yasmin Ali</a>`));
  assert.ok(rows.indexOf(revoke) < rows.indexOf(grant), 'the newest entry comes first');
  assert.match(grant.when, /\d{4}/);
});

test('people who are not administrators get 403 for every admin page and action', async () => {
  for (const email of ['koordinator@example.org', 'kommunikator@example.org', 'forening@example.org',
    'ungdom@example.org', 'reporter@example.org', 'klarsprak@example.org']) {
    const c = await signedIn(srv, email);
    for (const p of ['/admin', '/admin/logg', `/admin/anvandare/${youthId}`, '/admin?q=a'])
      assertErrorPage(await c.get(p), 403, `${email} GET ${p}`);
    const token = await c.csrf('/konto', '/logga-ut');
    const r = await c.postRaw(`/admin/anvandare/${youthId}/roller`, { _csrf: token, roll: 'administrator', atgard: 'ge' });
    assertErrorPage(r, 403, `${email} granting a role`);
    const own = await c.get('/konto');
    const mine = own.text.match(/<dt>Roller<\/dt><dd>([^<]*)<\/dd>/)[1];
    const self = await c.postRaw(`/admin/anvandare/${youthId}/organisationer`, { _csrf: token, org: '1', atgard: 'ge' });
    assertErrorPage(self, 403, `${email} adding a representative`);
    assert.doesNotMatch(mine, /Administratör/);
  }
  const page = await admin.get(`/admin/anvandare/${youthId}`);
  assert.match(page.text, /Administratör: <strong>nej<\/strong>/, 'a non-administrator granted a role');
  assert.match(page.text, /Representerar ingen organisation\./);
});

test('an administrator cannot revoke their own administrator role', async () => {
  const me = await userId(admin, 'Alva Andersson');
  const r = await setRole(admin, me, 'administrator', 'ta');
  assert.equal(r.status, 303);
  const page = await admin.get(r.location);
  assert.match(page.text, /Du kan inte ta bort din egen administratörsroll\./);
  assert.match(page.text, /Administratör: <strong>ja<\/strong>/);
  assert.equal((await admin.get('/admin')).status, 200);
  // but may take another administrator's
  const kim = await userId(admin, 'Kim Karlsson');
  assert.equal((await setRole(admin, kim, 'administrator', 'ge')).status, 303);
  const koord = await signedIn(srv, 'koordinator@example.org');
  assert.equal((await koord.get('/admin')).status, 200);
  assert.equal((await setRole(admin, kim, 'administrator', 'ta')).status, 303);
  assertErrorPage(await koord.get('/admin'), 403);
});

test('the last administrator can neither lose the role nor erase the account', async () => {
  // two administrators: each may take the other's role, but not the last one's
  const kim = await userId(admin, 'Kim Karlsson');
  assert.equal((await setRole(admin, kim, 'administrator', 'ge')).status, 303);
  const koord = await signedIn(srv, 'koordinator@example.org');
  const me = await userId(admin, 'Alva Andersson');
  assert.equal((await roleAs(koord, me, 'administrator', 'ta')).status, 303); // Kim takes Alva's
  assertErrorPage(await admin.get('/admin'), 403);
  // the only administrator cannot erase the account either
  const erase = await koord.submit('/konto/radera', '/konto/radera', { losenord: 'samskap-demo' });
  assert.equal(erase.status, 409);
  assert.match(erase.text, /Du är den enda administratören\./);
  assert.equal((await koord.get('/admin')).status, 200, 'the last administrator lost access');
  // give Alva the role back, then Kim's can go again
  assert.equal((await roleAs(koord, me, 'administrator', 'ge')).status, 303);
  assert.equal((await roleAs(admin, kim, 'administrator', 'ta')).status, 303);
  assert.equal((await admin.get('/admin')).status, 200);
  assertErrorPage(await koord.get('/admin'), 403);
});

test('revoking the representative role ends the memberships: no more editing, claims or receipts', async () => {
  const rep = await signedIn(srv, 'forening@example.org');
  assert.equal((await rep.get('/organisationer/framtidsverkstaden/redigera')).status, 200);
  const repId = await userId(admin, 'Rut Nilsson');
  assert.equal((await setRole(admin, repId, 'foreningsrepresentant', 'ta')).status, 303);
  assertErrorPage(await rep.get('/organisationer/framtidsverkstaden/redigera'), 403);
  assert.match((await admin.get(`/admin/anvandare/${repId}`)).text, /Representerar ingen organisation\./);
  // the organisation's ideas are no longer in this person's hands
  const ideas = (await rep.get('/mina-ideer')).text;
  assert.doesNotMatch(ideas, /Renovering av besöksrum/);
  // back as it was (adding a membership grants the role)
  const fv = await orgId(admin, repId, 'Framtidsverkstaden');
  assert.equal((await admin.submit(`/admin/anvandare/${repId}`, `/admin/anvandare/${repId}/organisationer`, { org: fv })).status, 303);
  assert.equal((await rep.get('/organisationer/framtidsverkstaden/redigera')).status, 200);
});

test('adding and removing an organisation representative', async () => {
  const youth = await signedIn(srv, 'ungdom@example.org');
  const fryshuset = await orgId(admin, youthId, 'Fryshuset');
  assertErrorPage(await youth.get('/organisationer/fryshuset/redigera'), 403, 'before');
  const action = `/admin/anvandare/${youthId}/organisationer`;
  let r = await admin.submit(`/admin/anvandare/${youthId}`, action, { org: fryshuset });
  assert.equal(r.status, 303);
  let page = await admin.get(`/admin/anvandare/${youthId}`);
  assert.match(page.text, /<a href="\/organisationer\/fryshuset">Fryshuset<\/a>/);
  assert.match(page.text, /Föreningsrepresentant: <strong>ja<\/strong>/);
  assert.equal((await youth.get('/organisationer/fryshuset/redigera')).status, 200);
  assert.match((await youth.get('/organisationer/fryshuset')).text, /href="\/organisationer\/fryshuset\/redigera"/);
  assert.match((await youth.get('/konto')).text, /Organisationer du representerar/);

  // remove: the form for that organisation on the user page
  const forms = [...page.text.matchAll(/<form method="post" action="([^"]+)" class="inline">\n<input type="hidden" name="_csrf" value="([^"]+)">\n<input type="hidden" name="org" value="(\d+)"><input type="hidden" name="atgard" value="ta">/g)];
  const f = forms.find((m) => m[3] === fryshuset);
  assert.ok(f, 'no remove button for Fryshuset');
  r = await admin.postRaw(action, { _csrf: f[2], org: fryshuset, atgard: 'ta' });
  assert.equal(r.status, 303);
  page = await admin.get(`/admin/anvandare/${youthId}`);
  assert.match(page.text, /Representerar ingen organisation\./);
  assertErrorPage(await youth.get('/organisationer/fryshuset/redigera'), 403, 'after removal');

  const rows = auditRows((await admin.get('/admin/logg')).text);
  assert.ok(rows.some((x) => x.what === 'representant.ge' && x.detail === 'fryshuset'), 'adding is not logged');
  assert.ok(rows.some((x) => x.what === 'representant.ta' && x.detail === 'fryshuset'), 'removing is not logged');
  const added = rows.find((x) => x.what === 'representant.ge' && x.detail === 'fryshuset');
  assert.equal(added.event, 'Alva Andersson gjorde Yasmin Ali till representant för Fryshuset');
  assert.ok(added.eventHtml.includes('<a href="/organisationer/fryshuset">Fryshuset</a>'));
});

test('bad input to the admin actions: 400/404, nothing changes, the server keeps serving', async () => {
  const before = (await admin.get(`/admin/anvandare/${youthId}`)).text;
  const token = hiddenFields(before, `/admin/anvandare/${youthId}/roller`)._csrf;
  const roles = `/admin/anvandare/${youthId}/roller`;
  const orgs = `/admin/anvandare/${youthId}/organisationer`;
  const bad = [
    [roles, `_csrf=${token}&roll=okand&atgard=ge`, 400],
    [roles, `_csrf=${token}&roll=kommunikator&atgard=bort`, 400],
    [roles, `_csrf=${token}&roll=kommunikator`, 400],
    [roles, `_csrf=${token}&atgard=ge`, 400],
    [roles, `_csrf=${token}&roll=%FF%FE&atgard=ge`, 400],
    [roles, `_csrf=${token}&roll=kommunikator&atgard=%FFge`, 400],
    [roles, `_csrf=${token}&roll=${'x'.repeat(5000)}&atgard=ge`, 400],
    [roles, `_csrf=${token}&roll=%3Cscript%3Ealert(1)%3C%2Fscript%3E&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=abc&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=-1&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=999999999&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=99999999999999999999999&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=%FF&atgard=ge`, 400],
    [orgs, `_csrf=${token}&atgard=ge`, 400],
    [orgs, `_csrf=${token}&org=1&atgard=x`, 400],
    ['/admin/anvandare/abc/roller', `_csrf=${token}&roll=kommunikator&atgard=ge`, 404],
    ['/admin/anvandare/999999/roller', `_csrf=${token}&roll=kommunikator&atgard=ge`, 404],
    ['/admin/anvandare/-1/organisationer', `_csrf=${token}&org=1&atgard=ge`, 404],
  ];
  for (const [path, body, status] of bad) {
    const r = await admin.postBody(path, body);
    assertErrorPage(r, status, `POST ${path} ${body.slice(0, 80)}`);
  }
  for (const [p, status] of [['/admin/anvandare/abc', 404], ['/admin/anvandare/999999', 404], ['/admin/anvandare/1.5', 404],
    ['/admin/anvandare/%FF', 400], ['/admin/anvandare/0x10', 404]]) {
    const r = await admin.get(p);
    assert.equal(r.status, status, `${p}: ${r.status}`);
    assert.match(r.text, /<html lang="sv">/);
  }
  const after = (await admin.get(`/admin/anvandare/${youthId}`)).text;
  const strip = (s) => s.replace(/value="[A-Za-z0-9_-]{20,}"/g, '');
  assert.equal(strip(after), strip(before), 'bad input changed the user');
  await assertHealthy(srv.base);
});

test('the admin search and pages escape what people typed', async () => {
  const c = new Client(srv.base);
  const name = '<script>alert("namn")</script><img src=x onerror=alert(1)>';
  const r = await c.submit('/registrera', '/registrera', { namn: name, epost: `xss-${Date.now()}@example.org`, losenord: 'ett långt lösenord', losenord2: 'ett långt lösenord' });
  assert.equal(r.status, 303);
  const list = await admin.get('/admin');
  assert.doesNotMatch(list.text, /<script|<img/);
  assert.ok(list.text.includes('&lt;script&gt;alert(&quot;namn&quot;)&lt;/script&gt;'));
  const q = await admin.get(`/admin?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
  assert.equal(q.status, 200);
  assert.doesNotMatch(q.text, /<script/);
  const id = list.text.match(/<a href="\/admin\/anvandare\/(\d+)">&lt;script/)[1];
  const page = await admin.get(`/admin/anvandare/${id}`);
  assert.doesNotMatch(page.text, /<script|<img/);
  const log = await admin.get('/admin/logg?sida=1');
  assert.equal(log.status, 200);
});

/** Every audit action the code writes: the string literals of each
 *  store_audit(...) call in src/ ("ide.%s" stands for a family: any status). */
function auditCodes() {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.c')) files.push(path.join(d, e.name));
    }
  };
  walk('src');
  const codes = new Set();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/store_audit\(([\s\S]*?)\);/g))
      for (const lit of m[1].matchAll(/"([a-z_]+\.[a-z_%]+(?: \(cli\))?)"/g)) codes.add(lit[1].replace('%s', 'okand_status'));
  }
  return [...codes].sort();
}

test('every audit action the code writes has its own sentence in the log, in Swedish and in English', async () => {
  const codes = auditCodes();
  // the scan finds the calls of every module, so that a missing sentence cannot pass unseen
  for (const c of ['roll.ge', 'kommentar.godkann', 'granskning.skicka', 'inhabithon.fas', 'inhabithon.poang_andra',
    'evenemang.skapa', 'evenemang.narvaro', 'ide.okand_status'])
    assert.ok(codes.includes(c), `${c} not found in src/`);
  assert.ok(codes.length >= 40, `only ${codes.length} codes found`);
  const adminId = Number(sql(srv, ["SELECT id FROM users WHERE email = 'admin@example.org'"]).trim());
  const at = Math.floor(Date.now() / 1000) + 3600;
  sql(srv, codes.map((c, i) => `INSERT INTO audit_log(at, actor_id, action, subject, detail)
    VALUES (${at + i}, ${adminId}, '${c}', 'x:${i}', 'kod-${i}')`));
  // a subject of the inhabithon and of an event are named and linked
  const [hid, hslug, hname] = sql(srv, ['SELECT id, slug, name FROM hackathons ORDER BY id LIMIT 1']).trim().split('|');
  const [eid, etitle] = sql(srv, ['SELECT id, title FROM events ORDER BY id LIMIT 1']).trim().split('|');
  sql(srv, [`INSERT INTO audit_log(at, actor_id, action, subject, detail) VALUES
    (${at + 1000}, ${adminId}, 'inhabithon.fas', 'hackathon:${hid}', 'pagar'),
    (${at + 1001}, ${adminId}, 'evenemang.narvaro', 'evenemang:${eid}', '2026-03-05')`]);
  for (const [lang, other] of [['sv', 'gjorde en åtgärd som inte har någon beskrivning'], ['en', 'took an action that has no description']]) {
    assert.equal((await admin.get(`/sprak/${lang}?tillbaka=/admin/logg`)).status, 303);
    const log = await admin.get('/admin/logg');
    assert.equal(log.status, 200);
    assert.ok(log.text.includes(`<html lang="${lang}">`));
    const rows = auditRows(log.text);
    for (const code of codes) {
      const row = rows.find((x) => x.what === code && x.subject.startsWith('x:'));
      assert.ok(row, `${code} is not on the log's first page`);
      assert.ok(!row.event.includes(other), `${code} has no sentence (${lang}): ${row.event}`);
      assert.ok(!/[{}]/.test(row.event), `${code}: a placeholder is left in "${row.event}"`);
    }
    if (lang === 'sv') {
      const fas = rows.find((x) => x.what === 'inhabithon.fas' && x.subject === `hackathon:${hid}`);
      assert.ok(fas.eventHtml.includes(`<a href="/inhabithon/${hslug}">${hname}</a>`), fas.eventHtml);
      assert.match(fas.event, /till steget ”Pågår”/);
      const ev = rows.find((x) => x.what === 'evenemang.narvaro' && x.subject === `evenemang:${eid}`);
      assert.ok(ev.eventHtml.includes(`<a href="/evenemang/${eid}">${etitle}</a>`), ev.eventHtml);
      assert.match(ev.event, /sparade närvaron för evenemanget .* den 2026-03-05/);
    }
  }
  await admin.get('/sprak/sv?tillbaka=/');
});
