// Issue 8, flow faults 5, 6 and 8 as people meet them in Chromium on a
// phone, without JavaScript (the HTTP tests check the details):
// 5: "Ladda ner allt vi har sparat om dig" is a readable page that says
//    what each part is, and the JSON behind it holds the person's ideas,
//    claims, comments and notifications, not only the profile;
// 6: a comment waiting for moderation shows as a count beside
//    "Redaktion" for the communicator, and the administrators see the
//    outbox without any message's body;
// 8: the audit log reads as Swedish sentences; the stored code is folded
//    away for auditors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, submit, PHONE, assertAxeCleanNoJs } from './lib/browser.mjs';

let srv;
let session;

before(async () => {
  srv = await startServer();
  session = new Session(await launch(), srv.base);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

async function pageAs(as) {
  const ctx = await session.newContext({ as, js: false, viewport: PHONE });
  return { ctx, page: await ctx.newPage() };
}

const assertAxeClean = (page, what) => assertAxeCleanNoJs(session, page, what);

test('fault 5: the young person follows "Mitt konto" to everything stored about them, in words and as JSON', async () => {
  const { ctx, page } = await pageAs('ungdom');
  try {
    await page.goto(`${srv.base}/konto`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/konto/mina-uppgifter'),
      page.click('main a[href="/konto/mina-uppgifter"]')]);
    const main = await page.textContent('main');
    assert.match(main, /Idéer/, 'the page has no part for ideas');
    assert.match(main, /varför|Varför/, 'the page does not say why the data is kept');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true,
      'the export page scrolls sideways on a phone');
    await assertAxeClean(page, 'export page');
    const json = await (await ctx.request.get(`${srv.base}/konto/mina-uppgifter.json`)).json();
    for (const part of ['konto', 'roller', 'ideer', 'budgetrader', 'utlagg', 'kommentarer', 'aviseringar'])
      assert.ok(part in json.delar, `the JSON export has no part "${part}"`);
    assert.equal(json.epost, 'ungdom@example.org');
  } finally {
    await ctx.close();
  }
});

test('fault 6: a waiting comment shows as a count beside Redaktion for the communicator; the outbox has no bodies', async () => {
  const anon = await pageAs('anon');
  const kom = await pageAs('kommunikator');
  const adm = await pageAs('admin');
  try {
    const count = async () => {
      await kom.page.goto(`${srv.base}/`);
      const link = kom.page.locator('header a[href="/redaktion"]').first();
      const badge = link.locator('.badge');
      return (await badge.count()) ? Number(await badge.textContent()) : 0;
    };
    const before = await count();
    await anon.page.goto(`${srv.base}/nyheter/gemensam-utvecklingsgrupp-21-mars-2022`);
    await anon.page.fill('#f-namn', 'Elsa Läsare');
    await anon.page.fill('#f-epost', `elsa.${Date.now()}@example.org`);
    await anon.page.fill('#f-kommentar', 'Tack för att ni berättar vad som hände på mötet.');
    await submit(anon.page, 'main form[action*="/kommentera"] button[type="submit"]');
    assert.equal(await count(), before + 1, 'the communicator does not see the waiting comment counted');
    const hidden = await kom.page.locator('header a[href="/redaktion"] .visually-hidden').first().textContent();
    assert.match(hidden, new RegExp(`${before + 1} väntar på granskning`));

    await adm.page.goto(`${srv.base}/admin/epost`);
    assert.equal(await adm.page.locator('main h1').count(), 1);
    assert.doesNotMatch(await adm.page.textContent('main'), /Hej |Med vänlig hälsning/, 'the outbox shows a body');
    await assertAxeClean(adm.page, 'outbox');
  } finally {
    for (const x of [anon, kom, adm]) await x.ctx.close();
  }
});

test('fault 8: the audit log reads as sentences; the stored code is folded away', async () => {
  // an audited action first: the communicator approves a waiting comment
  const kom = await pageAs('kommunikator');
  const anon = await pageAs('anon');
  await anon.page.goto(`${srv.base}/nyheter/gemensam-utvecklingsgrupp-21-mars-2022`);
  await anon.page.fill('#f-namn', 'Olof Läsare');
  await anon.page.fill('#f-epost', `olof.${Date.now()}@example.org`);
  await anon.page.fill('#f-kommentar', 'Bra att protokollen finns här.');
  await submit(anon.page, 'main form[action*="/kommentera"] button[type="submit"]');
  await kom.page.goto(`${srv.base}/redaktion`);
  await submit(kom.page, 'article.moderation form:has(input[name="beslut"][value="godkand"]) button');
  await kom.ctx.close();
  await anon.ctx.close();
  const { ctx, page } = await pageAs('admin');
  try {
    await page.goto(`${srv.base}/admin/logg`);
    assert.match(await page.textContent('main'), /Kai Lindqvist godkände en kommentar på|godkände en kommentar på/);
    const rows = page.locator('td.audit-event');
    assert.ok(await rows.count() > 0, 'the demo has no audit rows');
    const first = (await rows.first().innerText()).trim();
    assert.doesNotMatch(first, /^[a-z]+\.[a-z_]+ \|/, `the log shows a raw code: ${first}`);
    // the code is there for auditors, inside a closed <details>
    const code = page.locator('code.audit-code').first();
    assert.equal(await code.isVisible(), false, 'the raw code is shown, not folded away');
    await assertAxeClean(page, 'audit log');
  } finally {
    await ctx.close();
  }
});
