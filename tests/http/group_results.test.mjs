// Issue 8, flow faults 3 and 4, over HTTP against the real binary.
//
// 3. One report, one truth: an idea marked done ("Markera som genomförd")
//    and reported on shows the same status and report on the idea page, on
//    the activity made from it (made then when there was none), in the
//    public list of activities and on the agenda of a meeting that takes the
//    activity up — also when the activity was made earlier and said "Pågår".
// 4. Criterion 3, "Deltagarna ska få återkoppling om resultatet": saving an
//    activity's result and feedback tells each participant named on it —
//    one notification in the site and one e-mail (at the SMTP sink) — once;
//    saving again tells nobody; a participant named later is told on the
//    next save, alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, inputValue, textareaValue } from '../lib/client.mjs';
import { grantedIdea, moveIdea, submitEntries, OPEN } from './calls_helpers.mjs';
import {
  EMAIL, addActivity, excerpt, mails, mainOf, meetingPage, newMeeting, personWithRole, postActivity, signedIn, sleep,
  sqlInt, startGroupServer, textOf, waitMail,
} from './group_helpers.mjs';

let srv;
let k; // the coordinator
let rep; // the association's representative (forening@example.org)
let anon;

before(async () => {
  srv = await startGroupServer();
  k = await signedIn(srv, EMAIL.koordinator);
  rep = await signedIn(srv, EMAIL.forening);
  anon = new Client(srv.base);
});

after(async () => {
  await srv?.stop();
});

const REPORT = 'Tolv unga målade om fritidsgården. Alla fick se resultatet på en avslutande träff.';

function idea(title) {
  return grantedIdea(rep, k, OPEN, {
    title, who: 'org', birth: '', lines: [{ cat: 'Fika och material', text: 'Färg och fika', amount: '900' }],
  });
}

async function markDoneAndReport(id, report) {
  for (const till of ['pagar', 'genomford']) {
    const r = await moveIdea(rep, id, till);
    assert.equal(r.status, 303, `to ${till}: ${excerpt(r)}`);
  }
  const r = await submitEntries(rep, `/ideer/${id}`, `/ideer/${id}/rapport`, [['rapport', report]]);
  assert.equal(r.status, 303, `report: ${excerpt(r)}`);
}

/** The status tag and the text of an activity's page. */
async function activityPage(c, id) {
  const r = await c.get(`/aktiviteter/${id}`);
  assert.equal(r.status, 200, `activity ${id}: ${r.status}`);
  const main = mainOf(r.text);
  return { status: textOf((main.match(/<strong class="tag[^"]*">([^<]*)<\/strong>/) || [])[1] || ''), text: textOf(main) };
}

/** The status of activity `id` in the public list of activities. */
async function listedStatus(id) {
  const r = await anon.get('/aktiviteter');
  assert.equal(r.status, 200);
  const row = r.text.match(new RegExp(`<tr><td[^>]*><a href="/aktiviteter/${id}">[\\s\\S]*?</tr>`)); // cells carry data-label (issue 8)
  assert.ok(row, `activity ${id} is not in the public list`);
  return textOf(row[0].match(/<\/td><td[^>]*>([\s\S]*?)<\/td>/)[1]);
}

async function agendaItem(meetingId, title) {
  const { agenda } = await meetingPage(anon, meetingId);
  const it = agenda.main.find((x) => x.text.startsWith(title));
  assert.ok(it, `"${title}" is not on the agenda of meeting ${meetingId}: ${agenda.main.map((x) => x.text).join(' | ')}`);
  return it;
}

test('an idea marked done and reported: its activity, the public list of activities and the next agenda say Genomförd and show the report (the activity existed and said Pågår)', async () => {
  const title = `Fritidsgården målas om ${Date.now()}`;
  const id = await idea(title);
  assert.equal((await moveIdea(rep, id, 'pagar')).status, 303);
  // the coordinator follows it up as an activity, and puts it on the next meeting's agenda
  const made = await postActivity(k, { ide: String(id), titel: title, status: 'pagar' });
  assert.equal(made.status, 303, excerpt(made));
  const act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  const meeting = await newMeeting(k, { datum: '2099-09-14', tema: 'Uppföljning av höstens tester' });
  assert.equal((await addActivity(k, meeting, act)).status, 303);
  assert.equal((await agendaItem(meeting, title)).status, 'Pågår');

  // "Markera som genomförd", then the report, on the idea
  assert.equal((await moveIdea(rep, id, 'genomford')).status, 303);
  const r = await submitEntries(rep, `/ideer/${id}`, `/ideer/${id}/rapport`, [['rapport', REPORT]]);
  assert.equal(r.status, 303, excerpt(r));

  const idp = textOf(mainOf((await anon.get(`/ideer/${id}`)).text));
  assert.ok(idp.includes(REPORT), 'the idea page lost its report');
  const page = await activityPage(anon, act);
  assert.equal(page.status, 'Genomförd', 'the activity still says what it said before the idea was done');
  assert.ok(page.text.includes(REPORT), `the activity page does not show the report: ${page.text.slice(0, 400)}`);
  assert.equal(await listedStatus(act), 'Genomförd');
  const it = await agendaItem(meeting, title);
  assert.equal(it.status, 'Genomförd');
  assert.equal(it.report, REPORT);
  // one report: stored once, on the activity
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM activities WHERE idea_id = ${id}`), 1);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM ideas WHERE id = ${id} AND report <> ''`), 0);
});

test('an idea marked done without an activity gets one: made from the idea, Genomförd, with the report; an agenda can take it up', async () => {
  const title = `Sommarläger för unga ${Date.now()}`;
  const id = await idea(title);
  await markDoneAndReport(id, REPORT);
  const act = sqlInt(srv, `SELECT id FROM activities WHERE idea_id = ${id}`);
  assert.ok(act > 0, 'marking the idea done made no activity');
  const page = await activityPage(anon, act);
  assert.equal(page.status, 'Genomförd');
  assert.ok(page.text.includes(REPORT));
  assert.match(page.text, /Se testidén/, 'the activity does not lead back to its idea');
  assert.equal(await listedStatus(act), 'Genomförd');
  const meeting = await newMeeting(k, { datum: '2099-10-12' });
  assert.equal((await addActivity(k, meeting, act)).status, 303);
  const it = await agendaItem(meeting, title);
  assert.equal(it.status, 'Genomförd');
  assert.equal(it.report, REPORT);
  // the report written on the activity is the idea's too
  const edited = `${REPORT} Rummet invigdes i oktober.`;
  const r = await editActivity(act, { rapport: edited });
  assert.equal(r.status, 303, excerpt(r));
  assert.ok(textOf(mainOf((await anon.get(`/ideer/${id}`)).text)).includes(edited), 'the idea page shows another report than its activity');
});

test('an activity saved as Genomförd moves its idea along too (Pågår → Genomförd), so both pages say the same', async () => {
  const title = `Pingisturnering ${Date.now()}`;
  const id = await idea(title);
  assert.equal((await moveIdea(rep, id, 'pagar')).status, 303);
  const made = await postActivity(k, { ide: String(id), titel: title, status: 'pagar' });
  const act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  const r = await editActivity(act, { status: 'genomford' });
  assert.equal(r.status, 303, excerpt(r));
  const p = mainOf((await anon.get(`/ideer/${id}`)).text);
  assert.equal(textOf(p.match(/<strong class="tag[^"]*">([^<]*)<\/strong>/)[1]), 'Genomförd', 'the idea does not say Genomförd');
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM ideas WHERE id = ${id} AND status = 'genomford'`), 1);
});

// ---- fault 4 ----

/** The activity's edit form with `changes` applied, posted. */
async function editActivity(id, changes = {}, c = k) {
  const page = `/aktiviteter/${id}/redigera`;
  const ed = await c.get(page);
  assert.equal(ed.status, 200, `GET ${page}: ${ed.status}`);
  const body = new URLSearchParams();
  for (const m of ed.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.append(m[1], m[2]);
  for (const n of ['titel', 'presentator', 'fran', 'till', 'deltagare', 'unga', 'aterkoppling_datum']) body.append(n, changes[n] ?? inputValue(ed.text, n) ?? '');
  for (const n of ['andra_org', 'rapport', 'resultat', 'aterkoppling', 'nasta_steg', 'lankar', 'deltagarkonton']) body.append(n, changes[n] ?? textareaValue(ed.text, n) ?? '');
  body.append('status', changes.status ?? (ed.text.match(/<option value="([^"]+)" selected>/) || [])[1] ?? 'planerad');
  for (const m of ed.text.matchAll(/name="org" value="(\d+)" checked/g)) body.append('org', m[1]);
  return c.postRaw(page, body);
}

const SUBJECT = 'Resultat och återkoppling från en aktivitet du var med i';

function toldIn(user, act, server = srv) {
  return sqlInt(server, `SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '${user}' AND n.link = '/aktiviteter/${act}'`);
}

function mailsTo(user, act) {
  return mails(srv.maildir).filter((m) => m.to.includes(user) && m.subject.includes(SUBJECT) && m.body.includes(`${srv.base}/aktiviteter/${act}`)).length;
}

test('saving the result and feedback tells each participant named on the activity once, in the site and by e-mail; saving again tells nobody; one named later is told alone', async () => {
  const other = await personWithRole(srv, null, `Deltagare ${Date.now()}`);
  const title = `Filmkväll med samtal ${Date.now()}`;
  const made = await postActivity(k, { titel: title, status: 'pagar', deltagarkonton: `${EMAIL.ungdom}\n${other.email}` });
  assert.equal(made.status, 303, excerpt(made));
  const act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  // named, but nothing to tell yet
  assert.equal(toldIn(EMAIL.ungdom, act) + toldIn(other.email, act), 0);

  const saved = await editActivity(act, {
    status: 'genomford', deltagare: '24', unga: '18', resultat: 'Tjugofyra kom, arton av dem unga.',
    aterkoppling: 'Deltagarna fick se en sammanfattning av samtalet och vad som händer nu.', aterkoppling_datum: '2099-05-02',
  });
  assert.equal(saved.status, 303, excerpt(saved));
  for (const who of [EMAIL.ungdom, other.email]) {
    assert.equal(toldIn(who, act), 1, `${who}: not exactly one notification`);
    const [mail] = await waitMail(srv, { to: who, subject: SUBJECT, body: `${srv.base}/aktiviteter/${act}` });
    assert.ok(mail.body.includes(title), 'the e-mail does not name the activity');
  }
  assert.equal(mailsTo(EMAIL.ungdom, act), 1);
  assert.equal(mailsTo(other.email, act), 1);
  // the notification leads to the activity, which shows the result and the feedback
  const ungdom = await signedIn(srv, EMAIL.ungdom);
  const list = textOf(mainOf((await ungdom.get('/aviseringar')).text));
  assert.ok(list.includes(title), 'the notification does not name the activity');

  // saving again (a correction) tells nobody again
  const again = await editActivity(act, { resultat: 'Tjugofyra kom, arton av dem unga. Nästa filmkväll i juni.' });
  assert.equal(again.status, 303, excerpt(again));
  await sleep(1500); // the sender would have delivered by now
  assert.equal(toldIn(EMAIL.ungdom, act), 1, 'told again on a later save');
  assert.equal(toldIn(other.email, act), 1, 'told again on a later save');
  assert.equal(mailsTo(EMAIL.ungdom, act), 1, 'a second e-mail on a later save');
  assert.equal(mailsTo(other.email, act), 1, 'a second e-mail on a later save');

  // a participant named later is told on that save, and only they are
  const late = await personWithRole(srv, null, `Sen deltagare ${Date.now()}`);
  const added = await editActivity(act, { deltagarkonton: late.email });
  assert.equal(added.status, 303, excerpt(added));
  assert.equal(toldIn(late.email, act), 1);
  await waitMail(srv, { to: late.email, subject: SUBJECT });
  await sleep(500);
  assert.equal(toldIn(EMAIL.ungdom, act), 1);
  assert.equal(mailsTo(EMAIL.ungdom, act), 1);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM activity_participants WHERE activity_id = ${act} AND told_at IS NULL`), 0);
});

test('an activity without feedback tells nobody (participants hear when there is something to tell)', async () => {
  const made = await postActivity(k, { titel: `Utan återkoppling ${Date.now()}`, status: 'genomford', resultat: 'Det gick bra.', deltagarkonton: EMAIL.ungdom });
  assert.equal(made.status, 303, excerpt(made));
  const act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  assert.equal(toldIn(EMAIL.ungdom, act), 0);
  // made with feedback at once: told at once
  const told = await postActivity(k, { titel: `Med återkoppling ${Date.now()}`, status: 'genomford', resultat: 'Det gick bra.',
    aterkoppling: 'Alla fick ett brev om resultatet.', deltagarkonton: EMAIL.ungdom });
  const act2 = Number(told.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  assert.equal(toldIn(EMAIL.ungdom, act2), 1);
});

test('telling the participants is part of the save: with the outbox failing, nothing is saved and nobody counts as told; then it goes through', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-fault-'));
  const faultFile = path.join(dir, 'fail');
  const srv2 = await startGroupServer({ env: { SAMSKAP_TEST_MODE: '1', SAMSKAP_TEST_FAIL_FILE: faultFile } });
  try {
    const k2 = await signedIn(srv2, EMAIL.koordinator);
    const made = await postActivity(k2, { titel: 'Fel i utkorgen', status: 'pagar', deltagarkonton: EMAIL.ungdom });
    assert.equal(made.status, 303, excerpt(made));
    const act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
    writeFileSync(faultFile, 'outbox');
    const failed = await editActivity(act, { status: 'genomford', resultat: 'Det gick bra.', aterkoppling: 'Alla fick veta.' }, k2);
    assert.equal(failed.status, 503, excerpt(failed));
    assert.match(failed.text, /Ingenting sparades/);
    assert.equal(sqlInt(srv2, `SELECT COUNT(*) FROM activities WHERE id = ${act} AND feedback = '' AND status = 'pagar'`), 1, 'the activity was saved without telling');
    assert.equal(sqlInt(srv2, `SELECT COUNT(*) FROM activity_participants WHERE activity_id = ${act} AND told_at IS NOT NULL`), 0);
    assert.equal(toldIn(EMAIL.ungdom, act, srv2), 0);
    rmSync(faultFile);
    const ok = await editActivity(act, { status: 'genomford', resultat: 'Det gick bra.', aterkoppling: 'Alla fick veta.' }, k2);
    assert.equal(ok.status, 303, excerpt(ok));
    assert.equal(toldIn(EMAIL.ungdom, act, srv2), 1);
  } finally {
    await srv2.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
