// Issue 10, "done when": on a phone (360 px) with JavaScript off, a resident
// searches from the header's search box and finds an offering by an
// inflected word, by a part of a compound and by a misspelling ("Menade
// du …?"), filters by a facet, and opens the offering.  Every new page
// (search, catalogue, offering, offering form) is axe-clean (WCAG 2.1 A/AA)
// at 360 and 1280 px without JavaScript and has no sideways scrolling.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, axe, describeViolations, screenshot, submit, PHONE, DESKTOP } from './lib/browser.mjs';
import { assertNoSideScroll } from './lib/checks.mjs';

const test = (name, fn) => nodeTest(name, { timeout: 60000 }, fn);

let srv;
let session;
let phone;
before(async () => {
  srv = await startServer();
  session = new Session(await launch(), srv.base);
  phone = await session.context({ viewport: PHONE, js: false });
});
after(async () => {
  await session?.close();
  await srv?.stop();
});

const h1 = async (page) => (await page.locator('h1').first().textContent()).trim();
const hitTitles = async (page) => (await page.locator('.hit h3').allTextContents()).map((t) => t.trim());

/** axe at both widths on a page opened with JavaScript off (axe itself runs
 *  in a context with JavaScript, the same cookies and address). */
async function axeBoth(page, name, as = 'anon') {
  for (const viewport of [PHONE, DESKTOP]) {
    const ctx = await session.newContext({ as, js: true, viewport });
    try {
      const p = await ctx.newPage();
      await p.goto(page.url());
      await assertNoSideScroll(p, `${name} at ${viewport.width}`);
      await screenshot(p, `catalogue-${name}-${viewport.width}`);
      const v = await axe(p);
      assert.equal(v.length, 0, `${name} at ${viewport.width} px: axe violations\n${describeViolations(v)}`);
    } finally {
      await ctx.close();
    }
  }
}

async function headerSearch(page, q) {
  await page.fill('#sok-huvud', q);
  const resp = await submit(page, 'header form.site-search button[type="submit"]');
  assert.equal(resp.status(), 200);
}

test('inflected word, compound part and misspelling find the offering; a facet filters; it opens', async () => {
  const page = await phone.newPage();
  await page.goto(`${srv.base}/`);
  // an inflected form: the definite plural of "stödgrupp"
  await headerSearch(page, 'stödgrupperna');
  assert.equal(await h1(page), 'Sök');
  assert.ok((await hitTitles(page)).some((t) => t.startsWith('Stödgrupper för barn')), (await hitTitles(page)).join(' | '));
  assert.ok(await page.locator('.hit mark').count() > 0, 'the hit is not marked');
  await axeBoth(page, 'search');
  // a part of a compound: "grupp" finds "stödgrupper"
  await headerSearch(page, 'grupp');
  assert.ok((await hitTitles(page)).some((t) => t.startsWith('Stödgrupper för barn')));
  // a misspelling: "Menade du pratcafé?" and its hits
  await headerSearch(page, 'pratkafe');
  const suggestion = page.locator('p.suggestion');
  assert.match(await suggestion.innerText(), /Inga träffar för ”pratkafe”\. Menade du pratcafé\?/);
  assert.ok((await hitTitles(page)).includes('Pratcafé mot ofrivillig ensamhet'));
  await submit(page, 'p.suggestion a');
  assert.equal(await page.inputValue('#sok-q'), 'pratcafé');
  await axeBoth(page, 'search-suggestion');
  // a facet: only offerings
  const facet = page.locator('nav.facets a', { hasText: 'Aktivitet eller insats' }).first();
  await submit(page, `nav.facets a[href="${await facet.getAttribute('href')}"]`);
  assert.match(page.url(), /typ=utbud/);
  assert.equal(await page.locator('nav.facets a[aria-current="true"]').count(), 1);
  for (const href of await page.locator('.hit h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^\/utbud\/\d+$/);
  }
  // open the offering
  await submit(page, '.hit h3 a');
  assert.equal(await h1(page), 'Pratcafé mot ofrivillig ensamhet');
  assert.match(await page.locator('main').innerText(), /Drivs av Omtanke Helsingborg/);
  assert.match(await page.locator('main').innerText(), /Tisdag 14[.:]00/);
  await axeBoth(page, 'offering');
  await page.close();
});

test('the catalogue and its filters work without JavaScript, axe-clean at both widths', async () => {
  const page = await phone.newPage();
  await page.goto(`${srv.base}/utbud`);
  assert.equal(await h1(page), 'Aktiviteter och insatser');
  await page.selectOption('#f-grupp', 'missbruk');
  await submit(page, 'main form.filters button[type="submit"]');
  assert.match(page.url(), /grupp=missbruk/);
  const titles = (await page.locator('main .card h3').allTextContents()).map((t) => t.trim());
  assert.ok(titles.some((t) => t.startsWith('Stödgrupper för barn')), titles.join(' | '));
  assert.ok(!titles.includes('Ledarskapsutbildning för unga'));
  await axeBoth(page, 'list');
  await page.close();
});

test('a representative\'s offering form is axe-clean and says what is wrong in Swedish', async () => {
  const ctx = await session.context({ as: 'forening', viewport: PHONE, js: false });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/utbud/ny`);
  assert.equal(await h1(page), 'Lägg till aktivitet eller insats');
  await page.fill('#f-titel', 'Helgläger');
  await page.fill('#f-alder-fran', '17');
  await page.fill('#f-alder-till', '12');
  const bad = await submit(page, 'main form button[type="submit"]');
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.error-summary').innerText(), /Åldern slutar innan den börjar/);
  assert.equal(await page.inputValue('#f-titel'), 'Helgläger');
  await axeBoth(page, 'form', 'forening');
  // the edit page of an existing offering, with its removal button
  const coord = await session.context({ as: 'koordinator', viewport: PHONE, js: false });
  const edit = await coord.newPage();
  await edit.goto(`${srv.base}/utbud/1/redigera`);
  assert.equal(await h1(edit), 'Ändra aktivitet eller insats');
  assert.equal(await edit.locator('form[action="/utbud/1/ta-bort"] button').count(), 1);
  await axeBoth(edit, 'edit', 'koordinator');
  await edit.close();
  await page.close();
});

test('kartläggning: the pages of the asker and of the one answering are axe-clean without JavaScript', async () => {
  const ctx = await session.context({ as: 'koordinator', viewport: PHONE, js: false });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/kartlaggning`);
  assert.equal(await h1(page), 'Kartläggning av utbudet');
  await axeBoth(page, 'mapping', 'koordinator');
  await submit(page, 'main a:has-text("Kartläggning: vilka aktiviteter")');
  assert.match(await page.locator('main').innerText(), /Besvarade: 3 av 6/);
  await axeBoth(page, 'mapping-status', 'koordinator');
  await page.goto(`${srv.base}/kartlaggning/ny`);
  await axeBoth(page, 'mapping-form', 'koordinator');
  await page.fill('#f-titel', 'Vad gör ni i sommar?');
  await page.check('input[name="org"] + label:has-text("ABF")').catch(async () => {
    await page.locator('label', { hasText: /^ABF$/ }).click();
  });
  const sent = await submit(page, 'main form button[type="submit"]');
  assert.equal(sent.status(), 200);
  assert.equal(await h1(page), 'Kartläggningen är skickad');
  const link = (await page.locator('main code').first().textContent()).trim();
  const anon = await session.context({ viewport: PHONE, js: false });
  const answer = await anon.newPage();
  await answer.goto(link);
  assert.equal(await h1(answer), 'Vad gör ni i sommar?');
  await axeBoth(answer, 'mapping-answer');
  await answer.close();
  await page.close();
});
