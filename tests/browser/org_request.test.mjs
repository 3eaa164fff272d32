// Issue 8, flow fault 7, in a browser without JavaScript on a phone: a new
// person signs up saying they represent Verdandi, sees the request waiting
// on Mitt konto, and a coordinator approves it from the queue; the sign-up
// form, the request page, the queue and the export page are axe-clean
// (axe itself runs in a second context with scripts on).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, submit, PHONE, EMAILS, screenshot, signIn, assertAxeCleanNoJs } from './lib/browser.mjs';

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

async function assertAxeClean(page, name) {
  await screenshot(page, `org-request-${name}-360`);
  await assertAxeCleanNoJs(session, page, name);
}

test('without JavaScript: sign up as Verdandi\'s representative; a coordinator approves', async () => {
  const ctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  const email = `vera.${Date.now()}@example.org`;
  try {
    await page.goto(`${srv.base}/registrera`);
    assert.equal(await page.locator('label[for="f-org"]').count(), 1, 'the organisation choice has no label');
    await assertAxeClean(page, 'signup');
    await page.fill('#f-namn', 'Vera Verdandisson');
    await page.fill('#f-epost', email);
    await page.fill('#f-losenord', 'en mening jag minns');
    await page.fill('#f-losenord2', 'en mening jag minns');
    await page.selectOption('#f-org', { label: 'Verdandi' });
    await submit(page, 'main form[action^="/registrera"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.match(await page.textContent('.flash'), /förfrågan om att representera organisationen är skickad/);
    await page.goto(`${srv.base}/konto/organisation`);
    assert.match(await page.textContent('main'), /Verdandi · .* · väntar på beslut/);
    await assertAxeClean(page, 'mine');

    const kctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
    const k = await kctx.newPage();
    try {
      await signIn(k, srv.base, EMAILS.koordinator);
      await k.goto(`${srv.base}/konto/forfragningar`);
      assert.match(await k.textContent('main'), /Vera Verdandisson – Verdandi/);
      await assertAxeClean(k, 'queue');
      await submit(k, 'li.card:has-text("Vera Verdandisson") button:has-text("Godkänn")');
      assert.match(await k.textContent('.flash'), /Förfrågan är godkänd/);
    } finally {
      await kctx.close();
    }
    await page.goto(`${srv.base}/konto`);
    assert.match(await page.textContent('main'), /Verdandi/);
    await page.goto(`${srv.base}/konto/mina-uppgifter`);
    assert.match(await page.textContent('main'), /representant\.godkann/);
    await assertAxeClean(page, 'export');
  } finally {
    await ctx.close();
  }
});
