// Issue 8, flow fault 6 and the audit part of 8: what waits for moderation
// is counted in the navigation (comments for communicators and
// administrators, topic suggestions for coordinators), an opt-in daily
// digest by e-mail lists it, administrators see the outbox (never the
// bodies) and retry failed messages, and the audit log is written in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, hiddenFields } from '../lib/client.mjs';
import { assertErrorPage, moderate, signedIn } from '../lib/http.mjs';
import { rand, sleep, sql, sqlInt, startCallsServer, waitMail } from './calls_helpers.mjs';
import { GROUP, suggest } from './group_helpers.mjs';

const POST = '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022';
let srv;
let admin; let koord; let comm; let reporter; let youth; let forening;
let koordId; let youthId;

before(async () => {
  srv = await startCallsServer({ env: { SAMSKAP_DIGEST_HOUR: '0' } });
  admin = await signedIn(srv, 'admin@example.org');
  koord = await signedIn(srv, 'koordinator@example.org');
  comm = await signedIn(srv, 'kommunikator@example.org');
  reporter = await signedIn(srv, 'reporter@example.org');
  youth = await signedIn(srv, 'ungdom@example.org');
  forening = await signedIn(srv, 'forening@example.org');
  koordId = sqlInt(srv, "SELECT id FROM users WHERE email = 'koordinator@example.org'");
  youthId = sqlInt(srv, "SELECT id FROM users WHERE email = 'ungdom@example.org'");
});
after(async () => { await srv.stop(); });

/** The desk link in the navigation: null when there is none, else the
 *  count its badge shows (0 without a badge). */
async function badge(c) {
  const { text } = await c.get('/nyheter');
  const link = text.match(/<li><a href="\/redaktion"[^>]*>Redaktion(.*?)<\/a><\/li>/);
  if (!link) return null;
  if (!link[1]) return 0;
  const m = link[1].match(/^ <span class="badge" aria-hidden="true">(\d+)<\/span><span class="visually-hidden"> (\d+) väntar på granskning<\/span>$/);
  assert.ok(m, `unexpected badge: ${link[1]}`);
  assert.equal(m[1], m[2], 'the visible and the spoken count differ');
  return Number(m[1]);
}

async function comment(text) {
  const c = new Client(srv.base);
  const r = await c.submit(POST, `${POST}/kommentera`, { namn: 'Vera Väntar', epost: `v-${rand()}@example.org`, kommentar: text });
  assert.equal(r.status, 303, `comment: ${r.status}`);
}

async function suggestTopic(text) {
  const r = await suggest(new Client(srv.base), { tema: text });
  assert.equal(r.status, 303, `suggestion: ${r.status}`);
}

function digests(userId) {
  return sqlInt(srv, `SELECT COUNT(*) FROM outbox WHERE kind = 'sammanfattning' AND user_id = ${userId}`);
}

test('a waiting comment and topic suggestion are counted in the navigation for those who moderate them, not for others', async () => {
  const before = { comm: await badge(comm), koord: await badge(koord), admin: await badge(admin) };
  assert.equal(await badge(youth), null, 'a youth has no desk link');
  assert.equal(await badge(forening), null, 'a representative has no desk link');
  assert.equal(await badge(reporter), 0, 'a reporter writes posts but moderates nothing: no badge');
  await comment(`En kommentar som väntar ${rand()}`);
  await suggestTopic(`Ett tema som väntar ${rand()}`);
  assert.equal(await badge(comm), before.comm + 1, 'the communicator sees the waiting comment');
  assert.equal(await badge(admin), before.admin + 1, 'the administrator sees the waiting comment');
  assert.equal(await badge(koord), before.koord + 1, 'the coordinator sees the waiting suggestion');
  assert.equal(await badge(reporter), 0);
  assert.equal(await badge(youth), null);
  assert.equal(await badge(forening), null);
  // the coordinator's desk says where the suggestions wait
  const desk = await koord.get('/redaktion');
  assert.equal(desk.status, 200);
  assert.match(desk.text, new RegExp(`<a href="/grupper/${GROUP}/forslag">Granska: \\d+ i Gemensam utvecklingsgrupp</a>`));
  assert.ok(!desk.text.includes('/redaktion/kommentarer/'), 'a coordinator is offered comments to moderate');
  // deciding lowers the count
  const id = await moderate(comm, 'En kommentar som väntar');
  assert.ok(id);
  assert.equal(await badge(comm), before.comm);
});

test('the digest is opt-in, off by default, queued at most once a day and lists counts and links, not texts', async () => {
  const secret = `Hemligt temaförslag ${rand()}`;
  await suggestTopic(secret);
  // off by default: a coordinator has the choice, unticked; nothing is queued
  let acct = await koord.get('/konto');
  assert.match(acct.text, /<input type="checkbox" id="f-sammanfattning" name="sammanfattning" value="1">/);
  assert.equal((await youth.get('/konto')).text.includes('sammanfattning'), false, 'a youth is offered a digest');
  const token = await youth.csrf('/konto', '/logga-ut');
  assertErrorPage(await youth.postRaw('/konto/sammanfattning', { _csrf: token, sammanfattning: '1' }), 403, 'youth opting in');
  await sleep(2500);
  assert.equal(digests(koordId), 0, 'a digest was queued without opting in');

  // opting in
  const r = await koord.submit('/konto', '/konto/sammanfattning', { sammanfattning: '1' });
  assert.equal(r.status, 303);
  acct = await koord.get('/konto');
  assert.match(acct.text, /name="sammanfattning" value="1" checked>/);
  for (let i = 0; i < 75 && digests(koordId) < 1; i++) await sleep(200);
  assert.equal(digests(koordId), 1, 'no digest queued');
  // (the sink may be shared by other test servers: this one's links name its port)
  const [mail] = await waitMail(srv, { to: 'koordinator@example.org', subject: 'Väntar på granskning i samskap',
    body: `${srv.base}/grupper/${GROUP}/forslag` });
  assert.ok(!mail.body.includes(secret), 'the digest quotes a suggestion');
  assert.equal(digests(koordId), 1);

  // more waits the same day: no second digest
  await suggestTopic(`Ännu ett tema ${rand()}`);
  await sleep(2500);
  assert.equal(digests(koordId), 1, 'a second digest on the same day');
  // the next day (the last digest's day moved back): one more
  sql(srv, [`UPDATE moderation_digests SET last_day = '2000-01-01' WHERE user_id = ${koordId}`]);
  for (let i = 0; i < 50 && digests(koordId) < 2; i++) await sleep(200);
  assert.equal(digests(koordId), 2, 'no digest the next day');
  await sleep(1500);
  assert.equal(digests(koordId), 2);
  // nobody else asked for one
  assert.equal(sqlInt(srv, "SELECT COUNT(*) FROM outbox WHERE kind = 'sammanfattning' AND to_email <> 'koordinator@example.org'"), 0);

  // opting out
  assert.equal((await koord.submit('/konto', '/konto/sammanfattning', {})).status, 303);
  assert.match((await koord.get('/konto')).text, /name="sammanfattning" value="1">/);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM moderation_digests WHERE user_id = ${koordId}`), 0);
});

test('the outbox page: administrators only, never a body; retry puts a failed message back to waiting and is audited', async () => {
  const now = Math.floor(Date.now() / 1000);
  const body = `HEMLIG-BRÖDTEXT-${rand()}`;
  const subject = `Beslut om din idé ${rand()}`;
  sql(srv, [`INSERT INTO outbox(user_id, to_email, to_name, subject, body, created_at, attempts, next_attempt_at, failed, last_error, kind) VALUES (${youthId}, 'ungdom@example.org', 'Yasmin Ali', '${subject}', '${body}', ${now}, 8, ${now}, 1, 'connection refused', 'avisering')`]);
  const id = sqlInt(srv, `SELECT id FROM outbox WHERE subject = '${subject}'`);

  for (const c of [koord, comm, youth, reporter]) {
    for (const p of ['/admin/epost', '/admin/epost/misslyckad']) assertErrorPage(await c.get(p), 403, p);
    const token = await c.csrf('/konto', '/logga-ut');
    assertErrorPage(await c.postRaw(`/admin/epost/${id}/forsok-igen`, { _csrf: token }), 403, 'retry');
  }
  const anon = await new Client(srv.base).get('/admin/epost');
  assert.equal(anon.status, 303);

  const all = await admin.get('/admin/epost');
  assert.equal(all.status, 200);
  const failed = await admin.get('/admin/epost/misslyckad');
  assert.equal(failed.status, 200);
  for (const page of [all, failed]) {
    assert.ok(page.text.includes(subject), 'the subject is not shown');
    assert.ok(!page.text.includes(body), 'a body is shown');
    assert.ok(!page.text.includes('ungdom@example.org'), 'an address is shown');
    assert.ok(!page.text.includes(`/grupper/${GROUP}/forslag`), 'a digest body is shown');
  }
  const row = failed.text.match(new RegExp(`<tr id="m${id}" data-state="misslyckad">([\\s\\S]*?)</tr>`));
  assert.ok(row, 'the failed message is not listed as failed');
  for (const s of ['Yasmin Ali', '…@example.org', 'Personlig avisering', 'Misslyckade', 'connection refused', '<td>8</td>', 'Försök igen'])
    assert.ok(row[1].includes(s), `${s} missing in ${row[1]}`);
  assert.match(all.text, /Skickade \(\d+\)/);
  assert.match((await admin.get('/admin/epost/skickad')).text, /Sammanfattning av vad som väntar på granskning/);
  assertErrorPage(await admin.get('/admin/epost/okand'), 404, 'unknown state');

  // retry
  const fields = hiddenFields(failed.text, `/admin/epost/${id}/forsok-igen`);
  let r = await admin.postRaw(`/admin/epost/${id}/forsok-igen`, fields);
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT failed FROM outbox WHERE id = ${id}`), 0, 'still failed');
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM audit_log WHERE action = 'epost.forsok_igen' AND subject = 'outbox:${id}'`), 1);
  // it is delivered (or waiting) now; a second retry changes nothing
  r = await admin.postRaw(`/admin/epost/${id}/forsok-igen`, fields);
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM audit_log WHERE action = 'epost.forsok_igen' AND subject = 'outbox:${id}'`), 1);
  assertErrorPage(await admin.postRaw('/admin/epost/999999/forsok-igen', fields), 404, 'no such message');
  const log = await admin.get('/admin/logg');
  assert.ok(log.text.includes(`skickade om ett misslyckat e-postmeddelande till <a href="/admin/epost#m${id}">Yasmin Ali</a>`), 'the retry is not in the audit log in words');
  assert.ok(log.text.includes(`<code class="audit-code">epost.forsok_igen | outbox:${id} | 8</code>`));
});

test('the audit log says who did what to whom in words, with links, in Swedish and English; the code stays', async () => {
  await comment(`Kommentar för loggen ${rand()}`);
  const cid = await moderate(comm, 'Kommentar för loggen');
  let log = await admin.get('/admin/logg');
  assert.match(log.text, new RegExp(`<a href="/admin/anvandare/\\d+">Kai Lindqvist</a> godkände en kommentar på <a href="/nyheter/gemensam-utvecklingsgrupp-21-februari-2022#k${cid}">[^<]+</a>`));
  assert.ok(log.text.includes(`<code class="audit-code">kommentar.godkann | comment:${cid} | </code>`));
  assert.doesNotMatch(log.text, /<td>kommentar\.godkann<\/td>/, 'a raw code as the event');
  // English
  await admin.get('/sprak/en?tillbaka=/admin/logg');
  log = await admin.get('/admin/logg');
  assert.match(log.text, /Kai Lindqvist<\/a> approved a comment on <a href="\/nyheter\//);
  assert.match(log.text, /<summary>Code<\/summary>/);
  await admin.get('/sprak/sv?tillbaka=/admin/logg');
  assert.match((await admin.get('/admin/logg')).text, /godkände en kommentar/);
});

test('the badge counts to 99 and then says 99+ (the count stops at 100 on every page)', async () => {
  const tag = `Massvis ${rand()}`;
  const post = sqlInt(srv, "SELECT MIN(id) FROM posts WHERE status = 'publicerad'");
  sql(srv, [`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 150)
    INSERT INTO comments(post_id, name, email, body, status, client_hash, created_at)
    SELECT ${post}, '${tag}', 'massvis@example.org', '${tag}', 'vantar', 'x', 0 FROM s`]);
  try {
    const { text } = await comm.get('/nyheter');
    const link = text.match(/<li><a href="\/redaktion"[^>]*>Redaktion(.*?)<\/a><\/li>/);
    assert.ok(link, 'no desk link');
    assert.equal(link[1], ' <span class="badge" aria-hidden="true">99+</span><span class="visually-hidden"> 99+ väntar på granskning</span>');
  } finally {
    sql(srv, [`DELETE FROM comments WHERE name = '${tag}'`]);
  }
  assert.ok(await badge(comm) < 99, 'the count is back below 99');
});
