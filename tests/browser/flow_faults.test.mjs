// Issue 8, flow faults 1 and 2, in Chromium on a phone and on a desktop.
// 1: a coordinator deciding a grant larger than what is left of the project
//    budget got the page back at its top, apparently unchanged, with the
//    error 2 800 px further down: now the answer opens at the error summary
//    (first in <main>, the form posts to #fel), which links to the field.
// 2: "Avslå" on an expense claim without a comment answered a bare
//    "Felkod 400" page: now the queue comes back with the message beside
//    that claim's comment field, and the summary at the top.
// No JavaScript is needed for either: samskap's pages carry none (the
// contexts keep it on only because axe runs as a script in the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Session, flowChecks, submit, PHONE, DESKTOP } from './lib/browser.mjs';
import {
  EMAIL, claimIds, claimLines, grantedIdea, newIdea, newProject, postClaim, rand, signedIn,
  startCallsServer, toReview, OPEN,
} from '../http/calls_helpers.mjs';

let srv;
let session;
let k;
let youth;

before(async () => {
  srv = await startCallsServer();
  session = new Session(await launch(), srv.base);
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

const { check, assertClean } = flowChecks('flow-faults');

/** The error summary is on the screen where the page opens, and each of its
 *  links leads to a field on the page that is marked invalid. */
async function assertSummaryInView(page, what) {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, `${what}: one error summary`);
  const box = await summary.boundingBox();
  const vh = page.viewportSize().height;
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(box && box.y > -2 && box.y < vh * 0.5,
    `${what}: the error summary is at ${box ? box.y.toFixed(1) : '?'} px of a ${vh} px screen `
    + `(scrolled ${scrolled} px, ${page.url()}): the person does not see why the form came back`);
  assert.equal(new URL(page.url()).hash, '#fel', `${what}: the answer does not open at the summary`);
  const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 0, `${what}: the summary links to no field`);
  for (const href of hrefs) {
    const field = page.locator(href);
    assert.equal(await field.count(), 1, `${what}: the summary links to ${href}, which is not on the page`);
  }
  // it is the first thing in <main>: before the page's heading
  assert.ok(await page.evaluate(() => {
    const s = document.querySelector('.error-summary');
    const h1 = document.querySelector('main h1');
    return s.closest('main') && (s.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), `${what}: the summary is not before the <h1> in <main>`);
  return summary;
}

for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`fault 1 (${size}): a grant larger than what is left opens at the error summary, which links to the decision`, async () => {
    const slug = await newProject(k, { budget: '5 000' });
    await grantedIdea(youth, k, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '4 000' }] });
    const id = await newIdea(youth, slug, { lines: [{ cat: 'Kommunikation', text: 'Film', amount: '3 000' }] });
    await toReview(k, id);

    const ctx = await session.newContext({ as: 'koordinator', viewport });
    const page = await ctx.newPage();
    try {
      await page.goto(`${srv.base}/ideer/${id}/bedomning`);
      const crit = page.locator('.criterion');
      for (let i = 0; i < await crit.count(); i++) await crit.nth(i).getByLabel('Uppfyllt', { exact: true }).check();
      await page.getByLabel('Beviljad', { exact: true }).check();
      await page.fill('#f-meddelande', 'Vi beviljar filmen.');
      const resp = await submit(page, 'button[formaction*="/beslut"]');
      assert.equal(resp.status(), 400);
      assert.equal(new URL(page.url()).pathname, `/ideer/${id}/beslut`);
      const summary = await assertSummaryInView(page, 'grant over the budget');
      assert.match((await summary.textContent()).replace(/\u00a0/g, ' '),
        /Det beviljade beloppet ryms inte i projektets återstående budget: 1 000 kr kvar\./);
      assert.match(await page.title(), /^Fel: /);
      // the link leads to the decision, and what was typed is still there
      await summary.locator('a[href="#f-utfall"]').click();
      assert.equal(new URL(page.url()).hash, '#f-utfall');
      const box = await page.locator('#f-utfall').boundingBox();
      assert.ok(box && box.y >= -1 && box.y < viewport.height, `the decision is not in view after the link (y=${box?.y})`);
      assert.equal(await page.inputValue('#f-meddelande'), 'Vi beviljar filmen.');
      assert.ok(await page.getByLabel('Beviljad', { exact: true }).isChecked());
      if (size === 'phone') await check(page, 'grant-over-budget');
    } finally {
      await ctx.close();
    }
  });
}

test('fault 2: "Avslå" without a comment brings the claim back with the message at the comment field', async () => {
  const id = await grantedIdea(youth, k, OPEN);
  const [line] = await claimLines(youth, id);
  const what = `Bussbiljetter ${rand()}`;
  const r = await postClaim(youth, id, { rad: line.id, belopp: '120', beskrivning: what });
  assert.equal(r.status, 303);
  const claim = claimIds(srv, id).at(-1);

  const ctx = await session.newContext({ as: 'koordinator', viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/bedomning`);
    const card = page.locator('article.claim', { hasText: what });
    assert.equal(await card.count(), 1, 'the claim is not in the queue');
    await page.fill(`#f-kommentar-${claim}`, '   ');
    const resp = await submit(page, `article.claim:has-text("${what}") button:text-is("Avslå")`);
    assert.equal(resp.status(), 400);
    assert.doesNotMatch(await page.locator('main').textContent(), /Felkod 400/, 'a bare error page');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Att bedöma och hantera');
    const summary = await assertSummaryInView(page, 'rejection without a comment');
    assert.match(await summary.textContent(), /Skriv en kommentar om varför utlägget avslås/);
    assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      [`#f-kommentar-${claim}`]);
    // beside the comment field of that claim, tied to it
    const field = page.locator(`#f-kommentar-${claim}`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await field.getAttribute('aria-describedby'), new RegExp(`\\be-kommentar-${claim}\\b`));
    const message = card.locator(`#e-kommentar-${claim}`);
    assert.ok(await message.isVisible(), 'no message at the comment field');
    assert.match(await message.textContent(), /Skriv en kommentar om varför utlägget avslås/);
    await check(page, 'claim-reject-without-comment');
    // with a comment it goes through
    await page.fill(`#f-kommentar-${claim}`, 'Kvittot gäller en annan aktivitet.');
    const ok = await submit(page, `article.claim:has-text("${what}") button:text-is("Avslå")`);
    assert.equal(ok.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/bedomning');
    assert.equal(await page.locator('article.claim', { hasText: what }).count(), 0, 'still waiting after the rejection');
  } finally {
    await ctx.close();
  }
});

test('the error pages of the flow faults pass axe (WCAG 2.1 A/AA)', () => {
  assertClean(['grant-over-budget', 'claim-reject-without-comment']);
});
