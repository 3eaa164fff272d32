// Issue 13: the statistics pages and the open-data page, without
// JavaScript, at 360 px and at 1280 px: each is axe-clean (WCAG 2.1 A/AA),
// does not scroll sideways at 320–360 px, draws its charts as SVG images
// with a title and a one-sentence description beside tables of the same
// numbers, and its period form works by a plain GET; a screenshot of each
// is saved in test-output/screenshots/ (stats-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, submit, axe, describeViolations, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { assertNoSideScroll } from './lib/checks.mjs';

const PROJECT = 'delaktighet-och-samskapande-med-ungdomar';
const PAGES = [
  ['statistik', '/statistik'],
  ['statistik-projekt', `/projekt/${PROJECT}/statistik`],
  ['statistik-halvar', '/statistik?ar=2022&halvar=1'],
  ['statistik-fel', '/statistik?fran=2022-03-01&till=2022-02-01'],
  ['oppna-data', '/oppna-data'],
];
let srv;
let session;

before(async () => {
  srv = await startServer({ env: { SAMSKAP_STATS_MAX_AGE: '0' } });
  session = new Session(await launch(), srv.base);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

for (const [name, path] of PAGES) {
  for (const [vpName, viewport] of [['360', PHONE], ['1280', DESKTOP]]) {
    test(`${path} at ${vpName} px without JavaScript: axe-clean, charts as images beside their tables`, async () => {
      const ctx = await session.newContext({ js: false, viewport });
      try {
        const page = await ctx.newPage();
        const res = await page.goto(srv.base + path);
        assert.equal(res.status(), name === 'statistik-fel' ? 400 : 200);
        await screenshot(page, `stats-${name}-${vpName}`);
        if (vpName === '360') await assertNoSideScroll(page, path);
        if (name.startsWith('statistik') && name !== 'statistik-fel') {
          const charts = page.locator('svg.chart[role="img"]');
          assert.ok(await charts.count() >= 3, 'charts drawn');
          for (let i = 0; i < await charts.count(); i++) {
            const c = charts.nth(i);
            const ids = (await c.getAttribute('aria-labelledby')).split(' ');
            for (const id of ids) assert.ok((await page.locator(`#${id}`).textContent()).trim(), `#${id} says something`);
            const box = await c.boundingBox();
            assert.ok(box.width <= viewport.width, 'the chart fits the screen');
          }
          assert.ok(await page.locator('table caption').count() >= 5, 'tables beside the charts');
        }
        if (name === 'statistik-fel') {
          assert.ok(await page.locator('.error-summary').isVisible(), 'the error summary shows');
          assert.equal(await page.locator('#f-till').getAttribute('aria-invalid'), 'true');
        }
        // axe is a script: it runs in a context with JavaScript, same address and size
        const jsCtx = await session.newContext({ js: true, viewport });
        try {
          const p = await jsCtx.newPage();
          await p.goto(srv.base + path);
          const v = await axe(p);
          assert.equal(v.length, 0, `${path} at ${vpName} px: axe violations\n${describeViolations(v)}`);
        } finally {
          await jsCtx.close();
        }
      } finally {
        await ctx.close();
      }
    });
  }
}

test('the period form works without JavaScript: a year and a half give the first half of 2022', async () => {
  const ctx = await session.newContext({ js: false, viewport: PHONE });
  try {
    const page = await ctx.newPage();
    await page.goto(`${srv.base}/statistik`);
    await page.fill('#f-ar', '2022');
    await page.selectOption('#f-halvar', '1');
    await submit(page, 'form.period button[type="submit"]');
    const u = new URL(page.url());
    assert.equal(u.pathname, '/statistik');
    assert.equal(u.searchParams.get('ar'), '2022');
    assert.equal(u.searchParams.get('halvar'), '1');
    assert.match(await page.locator('#period').textContent(), /1 januari 2022 – 30 juni 2022/);
    // a number links to the list it counts
    const link = page.locator('a[href^="/aktiviteter/"]').first();
    assert.ok(await link.count(), 'a figure links to its activity');
    await screenshot(page, 'stats-statistik-form-360');
  } finally {
    await ctx.close();
  }
});
