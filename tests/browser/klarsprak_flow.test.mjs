// Issue 12's "Done when", in a browser without JavaScript at phone width: a
// communicator writes a draft post that requires review and cannot publish
// it; sends it to the klarspråk group; the reviewer comments on a passage
// by its paragraph number and asks for a rewrite; the author revises; the
// diff shows the change; the reviewer approves; the post is published with
// its mark.  Every new page is axe-clean at 360 px and at 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  launch, Session, submit, PHONE, DESKTOP, EMAILS, screenshot, signIn, axe, describeViolations,
  assertAxeCleanNoJs,
} from './lib/browser.mjs';
import { assertNoSideScroll } from './lib/checks.mjs';

let srv;
let session;
const checked = []; // [url, storageState] of every page checked at 360 px, checked again at 1280 px

before(async () => {
  srv = await startServer();
  session = new Session(await launch(), srv.base);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

async function check(page, name) {
  await screenshot(page, `klarsprak-${name}-360`);
  await assertNoSideScroll(page, name);
  await assertAxeCleanNoJs(session, page, name);
  checked.push({ name, url: page.url(), state: await page.context().storageState() });
}

async function phone(email) {
  const ctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  if (email) await signIn(page, srv.base, email);
  return { ctx, page };
}

const TITLE = 'Nu öppnar mötesplatsen på Söder';
const DRAFT = 'Angående mötesplatsen kommer ni att erhålla mer information i enlighet med planen.\n\n'
  + 'Alla är välkomna. Det kostar ingenting.';
const REVISED = 'Vi berättar snart mer om mötesplatsen.\n\nAlla är välkomna. Det kostar ingenting.';

test('without JavaScript on a phone: draft → refused publish → review → comment → revise → diff → approve → published with its mark', async () => {
  const a = await phone(EMAILS.kommunikator);
  const r = await phone('klarsprak@example.org');
  try {
    const { page } = a;
    // the public pages first
    await page.goto(`${srv.base}/klarsprak`);
    assert.match(await page.textContent('h1'), /Klarspråksgruppen/);
    await check(page, 'group');
    await page.goto(`${srv.base}/klarsprak/las`);
    await page.fill('#f-text', DRAFT);
    await submit(page, 'main form[action^="/klarsprak/las"] button[type="submit"]');
    assert.match(await page.textContent('.ks-figures'), /Läsbarhetsindex \(LIX\)/);
    assert.match(await page.textContent('main'), /prova: om/);
    await check(page, 'tool');

    // a draft that requires review
    await page.goto(`${srv.base}/nyheter/ny`);
    await page.fill('#f-rubrik', TITLE);
    await page.fill('#f-text', DRAFT);
    await page.check('input[name="granskning"]');
    await page.selectOption('#f-status', 'utkast');
    await submit(page, 'main form[action^="/nyheter/ny"] button[type="submit"]:not([name])');
    const here = () => page.url().replace(/#.*$/, ''); // a redirect after a form keeps its #fel
    const postUrl = here();
    assert.match(new URL(postUrl).pathname, /^\/nyheter\//);

    // it cannot be published before it is approved
    await page.goto(`${postUrl}/redigera`);
    await page.selectOption('#f-status', 'publicerad');
    await submit(page, 'main form button[type="submit"]:not([name])');
    assert.match(await page.textContent('.error-summary'), /Klarspråksgruppen måste först godkänna just den här texten/);
    await page.goto(postUrl);
    assert.match(await page.textContent('.meta'), /Utkast/);

    // send it to the group from the draft
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Skicka texten till klarspråksgruppen")')]);
    await page.fill('#f-fraga', 'Förstår man att alla är välkomna?');
    await check(page, 'send');
    await submit(page, 'main form[action^="/klarsprak/skicka"] button[type="submit"]');
    const reviewUrl = here();
    assert.match(new URL(reviewUrl).pathname, /^\/klarsprak\/granskning\/\d+$/);
    assert.match(await page.textContent('.flash'), /Texten är skickad/);

    // the reviewer, told in the site, comments on paragraph 1 and asks for a rewrite
    const rp = r.page;
    await rp.goto(`${srv.base}/aviseringar`);
    assert.match(await rp.textContent('main'), new RegExp(`Ny text att granska: ${TITLE}`));
    await rp.goto(`${srv.base}/redaktion`);
    assert.equal(new URL(rp.url()).pathname, '/klarsprak/granska');
    await check(rp, 'queue');
    await Promise.all([rp.waitForNavigation(), rp.click(`a:has-text("${TITLE}")`)]);
    assert.equal(rp.url().replace(/#.*$/, ''), reviewUrl);
    assert.match(await rp.textContent('#stycke-1'), /Stycke 1: Angående \(prova: om\) mötesplatsen/);
    await rp.fill('#f-stycke', '1');
    await rp.fill('#f-citat', 'erhålla mer information');
    await rp.fill('#f-kommentar', 'Skriv ”få veta mer”. Meningen är lång och krånglig.');
    await submit(rp, `main form[action^="${new URL(reviewUrl).pathname}/kommentar"] button[type="submit"]`);
    assert.match(await rp.textContent('.flash'), /Din kommentar är sparad/);
    await rp.check('#f-bedomning-2'); // behöver skrivas om
    await rp.fill('#f-notering', 'Skriv enklare, tack.');
    await submit(rp, `main form[action^="${new URL(reviewUrl).pathname}/beslut"] button[type="submit"]`);
    assert.match(await rp.textContent('#bedomningar ~ ul'), /Behöver skrivas om/);
    await check(rp, 'review-reviewer');

    // the author reads the comment and revises
    await page.goto(reviewUrl);
    assert.match(await page.textContent('.ks-comments'), /Skriv ”få veta mer”/);
    await check(page, 'review-author');
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Skriv en ny version")')]);
    await page.fill('#f-text', REVISED);
    await page.fill('#f-andring', 'Kortare första stycke');
    await check(page, 'revise');
    await submit(page, 'main form[action$="/ny-version#fel"] button[type="submit"]');
    // the diff shows what changed, in words and not only by colour
    assert.match(new URL(page.url()).pathname, /\/versioner$/);
    const del = await page.textContent('.ks-diff del');
    assert.match(del, /\[borttaget\] Angående/);
    assert.match(await page.textContent('.ks-diff ins'), /^\[nytt\] Vi berättar snart \[slut\]$/);
    assert.ok((await page.textContent('.ks-diff')).startsWith('[borttaget] Angående mötesplatsen kommer ni att erhålla [slut] '
      + '[nytt] Vi berättar snart [slut] mer [borttaget] information i enlighet med planen. [slut] [nytt] om mötesplatsen. [slut]'));
    assert.match(await page.textContent('.ks-figures'), /blev/);
    await check(page, 'diff');

    // the comment no longer applies (its passage is gone); the reviewer approves version 2
    await rp.goto(reviewUrl);
    assert.match(await rp.textContent('main'), /Version\s*2 av 2/);
    assert.match(await rp.textContent('main'), /Kommentarer som inte gäller den här versionen/);
    await rp.check('#f-bedomning-0'); // godkänd
    await submit(rp, `main form[action^="${new URL(reviewUrl).pathname}/beslut"] button[type="submit"]`);
    assert.match(await rp.textContent('.facts'), /Godkänd/);

    // now the post can be published, and says it was reviewed
    await page.goto(`${postUrl}/redigera`);
    assert.equal(await page.inputValue('#f-text'), REVISED, 'the draft took the new version');
    await page.selectOption('#f-status', 'publicerad');
    await submit(page, 'main form button[type="submit"]:not([name])');
    assert.equal(here(), postUrl);
    const anon = await phone(null);
    try {
      await anon.page.goto(postUrl);
      assert.match(await anon.page.textContent('.ks-mark'), /Granskad av klarspråksgruppen \d+ \S+ \d{4}/);
      await check(anon.page, 'published');
    } finally {
      await anon.ctx.close();
    }
  } finally {
    await a.ctx.close();
    await r.ctx.close();
  }
});

test('every page checked at 360 px is axe-clean at 1280 px too, and fits with text at 200 %', async () => {
  assert.ok(checked.length >= 9, `only ${checked.length} pages checked`);
  for (const c of checked) {
    const ctx = await session.newContext({ js: true, viewport: DESKTOP, storageState: c.state });
    try {
      const p = await ctx.newPage();
      await p.goto(c.url);
      await screenshot(p, `klarsprak-${c.name}-1280`);
      const v = await axe(p);
      assert.equal(v.length, 0, `${c.name} at 1280 px: axe violations\n${describeViolations(v)}`);
      // text zoomed to 200 % still fits, at both widths
      await p.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      for (const vp of [DESKTOP, PHONE]) {
        await p.setViewportSize(vp);
        await assertNoSideScroll(p, `${c.name} with text at 200 % at ${vp.width} px`);
      }
    } finally {
      await ctx.close();
    }
  }
});

test('with JavaScript: selecting words in a paragraph fills the comment form with its number and the words as written', async () => {
  const ctx = await session.newContext({ js: true, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  try {
    await signIn(page, srv.base, 'klarsprak@example.org');
    await page.goto(`${srv.base}/klarsprak/granska`);
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Brevmall: Vi har fått din ansökan")')]);
    // select from "Vederbörande" (marked as officialese, with "(prova: …)" after it) to "besked"
    await page.evaluate(() => {
      const p = document.querySelector('#stycke-2 p');
      const mark = [...p.querySelectorAll('mark.ks-off')].find((m) => m.textContent === 'Vederbörande');
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let end = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.includes('besked')) end = n;
      const range = document.createRange();
      range.setStart(mark.firstChild, 0);
      range.setEnd(end, end.data.indexOf('besked') + 'besked'.length);
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
    await page.waitForFunction(() => document.getElementById('f-citat').value !== '');
    assert.equal(await page.inputValue('#f-stycke'), '2');
    assert.equal(await page.inputValue('#f-citat'), 'Vederbörande kommer att erhålla besked');
    await page.fill('#f-kommentar', 'Vem är vederbörande?');
    await submit(page, 'main form[action$="/kommentar#fel"] button[type="submit"]');
    assert.match(await page.textContent('.flash'), /Din kommentar är sparad/);
    assert.match(await page.textContent('main'), /Vederbörande kommer att erhålla besked\s*Vem är vederbörande\?/);
  } finally {
    await ctx.close();
  }
});
