// Every page type, anonymous and signed in, Swedish and a few in English.
// Each page is loaded once (by the form post that makes it, where it is
// the answer to one) and then:
//   - at phone width (360 px) and desktop width (1280 px): no axe-core
//     violations of WCAG 2.1 A and AA, and a full-page screenshot under
//     $SAMSKAP_TEST_OUTPUT/screenshots/<page>-<width>.png;
//   - what axe does not check (not repeated for the variants of a page
//     type): the skip link is the first stop and moves focus to <main>;
//     keyboard focus is visible, and focused text keeps 4.5:1; nothing scrolls sideways at 320 px
//     (scrollWidth <= clientWidth); the page with its CSS is under 30 KB; every
//     field has a visible label; text zoomed to 200 % grows and still fits;
//     printing hides the navigation.
// Then: typical pages weigh under 30 KB with their CSS, and no request
// ever went anywhere but 127.0.0.1.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, axe, describeViolations, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { catalogue, discover, open, IDS } from './lib/pages.mjs';
import { assertNoSideScroll, checkSkip, invisibleFocus, textSizes, unlabelled } from './lib/checks.mjs';

const NARROW = { width: 320, height: 640 };
const WEIGHT_LIMIT = 30 * 1024;
const TEXT200_SHOTS = ['start', 'inlagg', 'registrera-fel', 'admin-anvandare-detalj', 'ny-ide'];
const PRINT_SHOTS = ['inlagg', 'organisation-helsam', 'ide'];

let srv;
let session;
let pages;

before(async () => {
  srv = await startServer();
  session = new Session(await launch(), srv.base);
  pages = catalogue(await discover(srv.base));
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

// three pages at a time: most of the time goes to waiting on the browser
describe('every page type', { concurrency: 3 }, () => {
for (const id of IDS) {
  test(`page: ${id}`, async (t) => {
    const entry = pages.find((p) => p.id === id);
    const ctx = await session.context({ as: entry.as, lang: entry.lang, viewport: PHONE });
    const { page, status } = await open(ctx, srv.base, entry);
    try {
      assert.equal(status, entry.status, `${entry.path}: status`);

      await t.test('axe, WCAG 2.1 A/AA, at 360 and 1280 px (and screenshots)', async () => {
        const report = [];
        for (const vp of [PHONE, DESKTOP]) {
          await page.setViewportSize(vp);
          await screenshot(page, `${id}-${vp.width}`);
          const violations = await axe(page);
          if (violations.length) report.push(`at ${vp.width} px:\n${describeViolations(violations)}`);
        }
        assert.equal(report.length, 0,
          `${id} (${entry.as}, ${entry.lang}) ${entry.path}: axe violations\n${report.join('\n')}`);
      });
      if (entry.variant) return;

      await page.setViewportSize(NARROW);
      // nothing has had focus yet: the first Tab is a keyboard user's first
      if (!entry.bare) {
        await t.test('the skip link is the first stop and moves focus to <main>', () => checkSkip(page));
      }

      await t.test('keyboard focus is visible on every stop', async () => {
        const { count, hidden, notVisible, faint } = await invisibleFocus(page);
        if (!entry.bare) assert.ok(count > 3, `${id}: only ${count} keyboard stops found`);
        assert.equal(notVisible, 0, 'test set-up: focus() did not match :focus-visible');
        assert.deepEqual(hidden, [], `${id}: elements that show no change when they get keyboard focus`);
        assert.deepEqual(faint, [], `${id}: focused elements whose text is under 4.5:1 against its background`);
      });

      await t.test('no sideways scrolling at 320 px', () => assertNoSideScroll(page, `${id} at 320 px`));

      await t.test('the page weighs under 30 KB with its CSS', async () => {
        const bytes = await page.evaluate(async () => {
          const css = await (await fetch(document.querySelector('link[rel="stylesheet"]').href)).text();
          const enc = new TextEncoder();
          return enc.encode('<!doctype html>\n' + document.documentElement.outerHTML).length + enc.encode(css).length;
        });
        t.diagnostic(`${id}: ${bytes} B with CSS`);
        assert.ok(bytes < WEIGHT_LIMIT, `${id} weighs ${bytes} bytes with its CSS`);
      });

      await t.test('every form field has a visible label', async () => {
        assert.deepEqual(await unlabelled(page), [], `${id}: form fields without a visible <label>`);
      });

      await t.test('text zoomed to 200 % grows and still fits (360 and 1280 px)', async () => {
        for (const vp of [PHONE, DESKTOP]) {
          await page.setViewportSize(vp);
          const before1 = await textSizes(page);
          await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
          try {
            const after1 = await textSizes(page);
            const stuck = before1.filter((b, i) => after1[i].size < b.size * 1.9)
              .map((b, i) => `${b.what} ${b.size} → ${after1[i].size} px`);
            assert.deepEqual(stuck, [], `${id} at ${vp.width} px: text that does not grow to 200 %`);
            if (vp === PHONE && TEXT200_SHOTS.includes(id)) await screenshot(page, `${id}-360-text200`);
            await assertNoSideScroll(page, `${id} with text at 200 % at ${vp.width} px`);
          } finally {
            await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
          }
        }
      });

      await t.test('printing hides the navigation', async () => {
        await page.setViewportSize(DESKTOP);
        await page.emulateMedia({ media: 'print' });
        try {
          for (const nav of await page.locator('header.site nav').all()) {
            assert.equal(await nav.isVisible(), false, 'the navigation prints');
          }
          assert.equal(await page.locator('a.skip').isVisible(), false, 'the skip link prints');
          assert.equal(await page.locator('footer.site').isVisible(), false, 'the footer prints');
          assert.equal(await page.locator('main h1').isVisible(), true, 'the heading does not print');
          if (PRINT_SHOTS.includes(id)) await screenshot(page, `${id}-print`);
        } finally {
          await page.emulateMedia({ media: 'screen' });
        }
      });
    } finally {
      await page.close();
    }
  });
}
});

test('typical pages weigh under 30 KB (HTML + CSS) and load nothing else', async (t) => {
  const ctx = await session.context({ viewport: DESKTOP });
  const rows = [];
  for (const entry of pages.filter((p) => p.typical)) {
    const page = await ctx.newPage();
    // routing turns the cache off: the CSS is counted for every page
    await page.route('**/*', (route) => route.continue());
    const loaded = [];
    page.on('response', (r) => loaded.push(r));
    await page.goto(srv.base + entry.path, { waitUntil: 'load' });
    let bytes = 0;
    const kinds = [];
    for (const r of loaded) {
      if (r.status() >= 300 && r.status() < 400) continue;
      const body = await r.body().catch(() => Buffer.alloc(0));
      bytes += body.length;
      kinds.push(`${r.request().resourceType()} ${new URL(r.url()).pathname} ${body.length} B`);
    }
    await page.close();
    rows.push(`${entry.path}: ${bytes} B (${kinds.join(', ')})`);
    assert.ok(bytes < WEIGHT_LIMIT, `${entry.path} weighs ${bytes} bytes: ${kinds.join(', ')}`);
    const other = kinds.filter((k) => !/^(document|stylesheet) /.test(k));
    assert.deepEqual(other, [], `${entry.path} loads more than HTML and CSS`);
  }
  for (const row of rows) t.diagnostic(row);
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
