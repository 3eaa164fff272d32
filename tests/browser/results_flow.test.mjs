// Issue 8, flow faults 3 and 4, in Chromium on a phone (360 px).
// 3. An association's representative marks a running test idea done
//    ("Markera som genomförd") and writes the report on the idea page; the
//    activity the coordinator made from it (which said "Pågår"), the public
//    list of activities and the agenda of the next meeting now say
//    "Genomförd" and show the same report.
// 4. The coordinator saves the activity's result and feedback: each
//    participant named on it gets one notification and one e-mail (at the
//    SMTP sink); saving again sends none.
// Pages are checked with axe and photographed (screenshots/results-*.png).
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Session, flowChecks, submit, PHONE } from './lib/browser.mjs';
import { grantedIdea, moveIdea, OPEN } from '../http/calls_helpers.mjs';
import {
  EMAIL, addActivity, mails, newMeeting, personWithRole, postActivity, signedIn, sleep, sqlInt, startGroupServer, waitMail,
} from '../http/group_helpers.mjs';

const test = (name, fn) => nodeTest(name, { timeout: 60000 }, fn);

let srv;
let session;
let repCtx;
let coordCtx;
let anonCtx;
const S = {};
const TITLE = `Graffitivägg vid skateparken ${Date.now()}`;
const REPORT = 'Fjorton unga målade väggen under tre kvällar. Parkens besökare röstade fram motivet.';
const SUBJECT = 'Resultat och återkoppling från en aktivitet du var med i';

before(async () => {
  srv = await startGroupServer();
  session = new Session(await launch(), srv.base);
  repCtx = await session.context({ as: 'forening', viewport: PHONE });
  coordCtx = await session.context({ as: 'koordinator', viewport: PHONE });
  anonCtx = await session.context({ viewport: PHONE });
  // a granted idea, running, followed up as an activity on the next meeting's agenda
  const rep = await signedIn(srv, EMAIL.forening);
  const k = await signedIn(srv, EMAIL.koordinator);
  S.idea = await grantedIdea(rep, k, OPEN, {
    title: TITLE, who: 'org', birth: '', lines: [{ cat: 'Fika och material', text: 'Sprayfärg', amount: '1 200' }],
  });
  assert.equal((await moveIdea(rep, S.idea, 'pagar')).status, 303);
  S.other = await personWithRole(srv, null, `Deltagare ${Date.now()}`);
  const made = await postActivity(k, { ide: String(S.idea), titel: TITLE, status: 'pagar', deltagarkonton: `${EMAIL.ungdom}\n${S.other.email}` });
  assert.equal(made.status, 303);
  S.act = Number(made.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
  S.meeting = await newMeeting(k, { datum: '2099-09-14', tema: 'Höstens uppföljning' });
  assert.equal((await addActivity(k, S.meeting, S.act)).status, 303);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

const { check, assertClean } = flowChecks('results');
const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

test('the representative marks the idea done and writes the report on the idea page', async () => {
  const page = await repCtx.newPage();
  await page.goto(`${srv.base}/ideer/${S.idea}`);
  await submit(page, 'main button:text-is("Markera som genomförd")');
  assert.equal((await page.locator('main .tag').first().textContent()).trim(), 'Genomförd');
  await page.fill('#f-rapport', REPORT);
  await check(page, 'idea-report-form');
  await submit(page, 'main button:text-is("Skicka in rapporten")');
  assert.ok((await mainText(page)).includes(REPORT), 'the idea page does not show the report');
  await check(page, 'idea-reported');
  await page.close();
});

test('the activity page, the public list of activities and the next agenda say Genomförd and show the report', async () => {
  const page = await anonCtx.newPage();
  await page.goto(`${srv.base}/aktiviteter/${S.act}`);
  assert.equal((await page.locator('main .tag').first().textContent()).trim(), 'Genomförd', 'the activity still says Pågår');
  assert.ok((await mainText(page)).includes(REPORT), 'the activity page shows no report');
  await check(page, 'activity');
  await page.goto(`${srv.base}/aktiviteter`);
  const row = page.locator('main tr', { has: page.locator(`a[href="/aktiviteter/${S.act}"]`) });
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /Genomförd/);
  await page.goto(`${srv.base}/moten/${S.meeting}`);
  const item = page.locator('ol.agenda > li', { hasText: TITLE });
  assert.equal((await item.locator('.tag').textContent()).trim(), 'Genomförd', 'the agenda still says Pågår');
  await item.locator('summary').click(); // the report, folded on the agenda
  assert.ok((await item.innerText()).replace(/\s+/g, ' ').includes(REPORT), 'the agenda does not show the report');
  await check(page, 'meeting-agenda');
  await page.goto(`${srv.base}/moten/${S.meeting}/utskrift`);
  assert.ok((await mainText(page)).includes(REPORT), 'the printed agenda does not show the report');
  await page.close();
});

const toldIn = (email) => sqlInt(srv, `SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '${email}' AND n.link = '/aktiviteter/${S.act}'`);
const mailsTo = (email) => mails(srv.maildir).filter((m) => m.to.includes(email) && m.subject.includes(SUBJECT) && m.body.includes(`${srv.base}/aktiviteter/${S.act}`)).length;

test('the coordinator saves the result and feedback: each participant is told once, in the site and by e-mail; saving again tells nobody', async () => {
  const page = await coordCtx.newPage();
  await page.goto(`${srv.base}/aktiviteter/${S.act}/redigera`);
  await page.fill('#f-unga', '14');
  await page.fill('#f-resultat', 'En vägg på 20 meter, målad av fjorton unga.');
  await page.fill('#f-aterkoppling', 'Alla som var med bjöds in till invigningen och fick se bilderna.');
  await page.fill('#f-aterkoppling_datum', '2099-09-01');
  await check(page, 'activity-form');
  await submit(page, 'main button[type="submit"]:text-is("Spara")');
  assert.match(await mainText(page), /Återkoppling/);
  for (const who of [EMAIL.ungdom, S.other.email]) {
    assert.equal(toldIn(who), 1, `${who}: not exactly one notification`);
    await waitMail(srv, { to: who, subject: SUBJECT, body: `${srv.base}/aktiviteter/${S.act}` });
    assert.equal(mailsTo(who), 1, `${who}: not exactly one e-mail`);
  }
  // the participant sees it among their notifications
  const youth = await (await session.context({ as: 'ungdom', viewport: PHONE })).newPage();
  await youth.goto(`${srv.base}/aviseringar`);
  assert.ok((await mainText(youth)).includes(TITLE), 'the participant has no notification about the result');
  await youth.close();
  // a correction: saved again, nobody told again
  await page.goto(`${srv.base}/aktiviteter/${S.act}/redigera`);
  await page.fill('#f-resultat', 'En vägg på 22 meter, målad av fjorton unga.');
  await submit(page, 'main button[type="submit"]:text-is("Spara")');
  await sleep(1500);
  for (const who of [EMAIL.ungdom, S.other.email]) {
    assert.equal(toldIn(who), 1, `${who}: told again on a later save`);
    assert.equal(mailsTo(who), 1, `${who}: a second e-mail on a later save`);
  }
  await page.close();
});

test('every page of the flow is axe-clean (WCAG 2.1 A/AA) at 360 px', () => {
  assertClean(['idea-report-form', 'idea-reported', 'activity', 'meeting-agenda', 'activity-form']);
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
