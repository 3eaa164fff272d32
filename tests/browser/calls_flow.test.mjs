// Open calls (issue 3), "done when": the whole flow in Chromium on a phone
// (360 px).  A young person submits a test idea in the open demo project
// through the real form; a coordinator assesses it against the criteria and
// grants less than asked; the young person sees the decision and its
// reasons and gets the e-mail (at the SMTP sink); they claim an expense
// with a PNG receipt; the coordinator approves it; the money overview adds
// up.  Every new page type is checked with axe (WCAG 2.1 A/AA) and
// photographed (screenshots/calls-*.png); the idea is also submitted with
// JavaScript turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Session, flowChecks, screenshot, submit, PHONE } from './lib/browser.mjs';
import {
  EMAIL, OPEN, PNG, assertLedgerAddsUp, ideaPage, parseLedger, rand, signedIn, startCallsServer, waitMail,
} from '../http/calls_helpers.mjs';

let srv;
let session;
let youthCtx;
let coordCtx;
const YEAR = new Date().getFullYear();
const TITLE = `Musikkväll på fritidsgården ${rand()}`;
const state = {};

before(async () => {
  srv = await startCallsServer();
  session = new Session(await launch(), srv.base);
  youthCtx = await session.context({ as: 'ungdom', viewport: PHONE });
  coordCtx = await session.context({ as: 'koordinator', viewport: PHONE });
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

const { check, assertClean } = flowChecks('calls');

async function h1(page) {
  return (await page.locator('h1').textContent()).trim();
}

function iso(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

/** Fills the idea form the way a person does. */
async function fillIdea(page, { title, birth, amounts = ['2 000', '900'] }) {
  await page.fill('#f-titel', title);
  await page.check('input[name="vem"][value="ung"]');
  await page.fill('#f-fodelsear', String(birth));
  await page.fill('#f-behov', 'Vi som är 15–16 år har ingenstans att spela musik tillsammans på kvällarna.');
  await page.fill('#f-ungas_roll', 'Fem av oss har frågat kompisar i skolan och skrivit idén tillsammans.');
  await page.fill('#f-atgard_text', 'Fyra musikkvällar på fritidsgården där vi lånar instrument och spelar ihop.');
  await page.fill('#f-fran', iso(20));
  await page.fill('#f-till', iso(50));
  await page.getByLabel('Fritid Helsingborg', { exact: true }).check();
  await page.fill('#f-aterkoppling', 'Alla som var med får ett sms om vad som händer sedan.');
  await page.fill('#f-delning', 'Vi berättar i den gemensamma utvecklingsgruppen och på skolans Instagram.');
  await page.selectOption('#f-rad-1-kategori', { label: 'Arvode till ungdomar' });
  await page.fill('#f-rad-1-text', 'Arvode till oss som leder kvällarna');
  await page.fill('#f-rad-1-belopp', amounts[0]);
  await page.selectOption('#f-rad-2-kategori', { label: 'Fika och material' });
  await page.fill('#f-rad-2-text', 'Strängar, trumstockar och fika');
  await page.fill('#f-rad-2-belopp', amounts[1]);
}

test('a young person finds the open call and submits an idea through the form (with a mistake first)', async () => {
  const page = await youthCtx.newPage();
  await page.goto(`${srv.base}/projekt`);
  assert.equal(await h1(page), 'Projekt');
  await check(page, 'projects');
  await submit(page, `a[href="/projekt/${OPEN}"]`);
  assert.match(await h1(page), /ny omgång/);
  await check(page, 'project');
  await submit(page, `a[href="/projekt/${OPEN}/ny-ide"]`);
  assert.equal(await h1(page), 'Lämna in en testidé');
  await check(page, 'idea-form');
  // a birth year that makes them 19: the form comes back with the message, what was typed kept
  await fillIdea(page, { title: TITLE, birth: YEAR - 19 });
  const bad = await submit(page, 'button[name="atgard"][value="skicka"]');
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.error-summary').textContent(), /måste vara 13–18 år/);
  assert.equal(await page.inputValue('#f-titel'), TITLE);
  assert.equal(await page.inputValue('#f-rad-1-belopp'), '2 000');
  await check(page, 'idea-form-errors');
  await page.fill('#f-fodelsear', String(YEAR - 15));
  const ok = await submit(page, 'button[name="atgard"][value="skicka"]');
  assert.equal(ok.status(), 200);
  const m = new URL(page.url()).pathname.match(/\/ideer\/(\d+)$/);
  assert.ok(m, `not on the idea page: ${page.url()}`);
  state.id = Number(m[1]);
  assert.equal(await h1(page), TITLE);
  assert.match(await page.locator('main').textContent(), /Tack! Din testidé är inskickad/);
  assert.match(await page.locator('p.meta').first().textContent(), /Inskickad · En ungdom \(15 år\)/);
  await check(page, 'idea');
  await page.close();
});

test('a coordinator assesses it against the five criteria and grants less than asked', async () => {
  assert.ok(state.id, 'no idea from the previous step');
  const page = await coordCtx.newPage();
  await page.goto(`${srv.base}/bedomning`);
  assert.equal(await h1(page), 'Att bedöma och hantera');
  await check(page, 'queue');
  await submit(page, `a[href="/ideer/${state.id}/bedomning"]`);
  await submit(page, 'form[action$="/status"] button[type="submit"]');
  await page.goto(`${srv.base}/ideer/${state.id}/bedomning`);
  assert.equal(await h1(page), 'Bedömning');
  const crit = page.locator('.criterion');
  assert.equal(await crit.count(), 5, 'not five criteria to assess');
  await check(page, 'assessment');
  const notes = ['Behovet kommer från unga själva.', '', 'Bra plan för återkoppling.', 'Samverkan med Fritid Helsingborg finns men är tunn.', ''];
  for (let i = 0; i < 5; i++) {
    await crit.nth(i).getByLabel(i === 3 ? 'Inte uppfyllt' : 'Uppfyllt', { exact: true }).check();
    if (notes[i]) await crit.nth(i).locator('textarea').fill(notes[i]);
  }
  await submit(page, 'form[action*="/bedomning"] button[type="submit"]');
  assert.match(await page.locator('main').textContent(), /Din bedömning är sparad/);
  const table = await page.locator('main table').first().textContent();
  assert.match(table, /Inte uppfyllt/);
  assert.match(table, /Samverkan med Fritid Helsingborg finns men är tunn\./);
  await page.getByLabel('Beviljad', { exact: true }).check();
  await page.fill('#f-meddelande', 'Vi beviljar musikkvällarna!\n\nArvodet blir lite lägre än ni sökte eftersom kriterium 4 bara delvis är uppfyllt. Hör gärna av er till Fritid Helsingborg.');
  const grants = page.locator('input[name^="bevilja-"]');
  assert.equal(await grants.count(), 2);
  await grants.nth(0).fill('1 500');
  await grants.nth(1).fill('900');
  await submit(page, 'button[formaction*="/beslut"]'); // the one form's second button
  assert.equal(new URL(page.url()).pathname, `/ideer/${state.id}`);
  assert.match(await page.locator('main').textContent(), /Beslutet är sparat/);
  await page.close();
});

test('the young person sees the decision and its reasons, by notification, page and e-mail', async () => {
  const page = await youthCtx.newPage();
  await page.goto(`${srv.base}/aviseringar`);
  assert.equal(await h1(page), 'Aviseringar');
  await check(page, 'notifications');
  const link = page.locator('ul.notifications a', { hasText: `Beslut om testidén "${TITLE}"` }).first();
  assert.match(await link.textContent(), /Beslut om testidén/);
  await Promise.all([page.waitForURL((u) => u.pathname === `/ideer/${state.id}`), link.click()]);
  const decision = await page.locator('section.decision').textContent();
  assert.match(decision, /Vi beviljar musikkvällarna!/);
  assert.match(decision, /kriterium 4 bara delvis är uppfyllt/);
  assert.match(decision, /Beviljat: 2\u00a0400\u00a0kr/);
  assert.match(await page.locator('p.meta').first().textContent(), /Beviljad/);
  await check(page, 'idea-decided');
  await submit(page, `a[href="/ideer/${state.id}/bedomning"]`);
  assert.match(await page.locator('main table').first().textContent(), /Samverkan med Fritid Helsingborg finns men är tunn\./);
  await check(page, 'assessment-submitter');
  const [mail] = await waitMail(srv, { to: EMAIL.ungdom, subject: `Beslut om din testidé: ${TITLE}` });
  assert.match(mail.body, /Vi beviljar musikkvällarna!/);
  assert.match(mail.body, /Beviljat: 2\u00a0400\u00a0kr \(Sökt 2\u00a0900\u00a0kr\)/);
  await page.close();
});

test('they claim an expense with a PNG receipt; the coordinator approves it; the ledger adds up', async () => {
  const page = await youthCtx.newPage();
  await page.goto(`${srv.base}/ideer/${state.id}`);
  await submit(page, `a[href="/ideer/${state.id}/utlagg"]`);
  assert.equal(await h1(page), 'Begär ersättning för ett utlägg');
  await check(page, 'claim-form');
  // first without a receipt: the message, then with one
  await page.selectOption('#f-rad', { index: 2 });
  await page.fill('#f-beskrivning', 'Gitarrsträngar och fika första kvällen');
  await page.fill('#f-belopp', '450,50');
  await page.fill('#f-datum', iso(0));
  await page.evaluate(() => document.querySelector('#f-kvitto').removeAttribute('required'));
  const bad = await submit(page, 'form[action*="/utlagg"] button[type="submit"]');
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.error-summary').textContent(), /Bifoga ett kvitto/);
  await check(page, 'claim-form-errors');
  await page.setInputFiles('#f-kvitto', { name: 'kvitto.png', mimeType: 'image/png', buffer: PNG });
  const ok = await submit(page, 'form[action*="/utlagg"] button[type="submit"]');
  assert.equal(ok.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/ideer/${state.id}`);
  assert.match(await page.locator('main').textContent(), /Utlägget är inskickat/);
  assert.match(await page.locator('main').textContent(), /Gitarrsträngar och fika första kvällen/);
  await page.close();

  const k = await coordCtx.newPage();
  await k.goto(`${srv.base}/bedomning`);
  const card = k.locator('article.claim', { hasText: 'Gitarrsträngar och fika första kvällen' });
  assert.equal(await card.count(), 1, 'the claim is not in the queue');
  await check(k, 'queue-claim');
  await submit(k, 'article.claim:has-text("Gitarrsträngar och fika första kvällen") button:text-is("Godkänn")');
  assert.match(await k.locator('article.claim', { hasText: 'Gitarrsträngar' }).locator('.tag').textContent(), /Godkänt/);
  await k.goto(`${srv.base}/projekt/${OPEN}/ekonomi`);
  assert.equal(await h1(k), 'Ekonomisk översikt');
  await check(k, 'ledger');
  const l = assertLedgerAddsUp(parseLedger(await k.content()), 'in the browser');
  assert.equal(l.rows['Arvode till ungdomar'].granted, 150000);
  assert.equal(l.rows['Fika och material'].granted, 90000);
  assert.equal(l.rows['Fika och material'].approved, 45050);
  assert.equal(l.rows['Fika och material'].remaining, 90000 - 45050);
  assert.equal(l.granted, 240000);
  assert.equal(l.unallocated, 15000000 - 240000);
  await k.close();
  const p = await ideaPage(await signedIn(srv, EMAIL.ungdom), state.id);
  assert.deepEqual(p.lines.map((x) => [x.asked, x.granted, x.approved]), [[200000, 150000, 0], [90000, 90000, 45050]]);
});

test('with JavaScript off, a young person writes an idea, adds budget rows and submits it', async () => {
  const ctx = await session.newContext({ as: 'ungdom', js: false, viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/projekt/${OPEN}/ny-ide`);
    assert.equal(await page.locator('fieldset.budget-row').count(), 3);
    const title = `Utan JavaScript ${rand()}`;
    await fillIdea(page, { title, birth: YEAR - 14 });
    await submit(page, 'button[name="atgard"][value="rader"]');
    assert.equal(await page.locator('fieldset.budget-row').count(), 6, '"Fler budgetrader" did not add rows');
    assert.equal(await page.inputValue('#f-titel'), title, 'the title was lost when adding rows');
    assert.equal(await page.inputValue('#f-rad-2-belopp'), '900');
    await page.selectOption('#f-rad-5-kategori', { label: 'Kommunikation' });
    await page.fill('#f-rad-5-text', 'Affischer');
    await page.fill('#f-rad-5-belopp', '300');
    await screenshot(page, 'calls-nojs-idea-form');
    const r = await submit(page, 'button[name="atgard"][value="skicka"]');
    assert.equal(r.status(), 200);
    assert.match(new URL(page.url()).pathname, /\/ideer\/\d+$/);
    assert.equal(await h1(page), title);
    assert.match(await page.locator('main').textContent(), /Tack! Din testidé är inskickad/);
    const rows = await page.locator('table.budget tbody tr').count();
    assert.equal(rows, 3, 'the three budget rows were not stored');
    await screenshot(page, 'calls-nojs-idea');
  } finally {
    await ctx.close();
  }
});

const PAGE_TYPES = ['projects', 'project', 'idea-form', 'idea-form-errors', 'idea', 'queue', 'assessment', 'notifications',
  'idea-decided', 'assessment-submitter', 'claim-form', 'claim-form-errors', 'queue-claim', 'ledger'];

test('every page type of the flow is axe-clean (WCAG 2.1 A/AA) at 360 px', () => {
  assertClean(PAGE_TYPES);
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
