// Every page type, anonymous and signed in, Swedish and English, at phone
// width (360 px) and desktop width (1280 px): no axe-core violations of
// WCAG 2.1 A and AA, and a full-page screenshot of each under
// $SAMSKAP_TEST_OUTPUT/screenshots/<page>-<width>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, axe, describeViolations, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { catalogue, discover, open, IDS } from './lib/pages.mjs';

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

for (const id of IDS) {
  test(`axe, WCAG 2.1 A/AA: ${id} at 360 and 1280 px`, async () => {
    const entry = pages.find((p) => p.id === id);
    const ctx = await session.context({ as: entry.as, lang: entry.lang, viewport: PHONE });
    const { page, status } = await open(ctx, srv.base, entry);
    try {
      assert.equal(status, entry.status, `${entry.path}: status`);
      const report = [];
      // the same page (also the one a form post led to) at both widths
      for (const vp of [PHONE, DESKTOP]) {
        await page.setViewportSize(vp);
        await screenshot(page, `${id}-${vp.width}`);
        const violations = await axe(page);
        if (violations.length) report.push(`at ${vp.width} px:\n${describeViolations(violations)}`);
      }
      assert.equal(report.length, 0,
        `${id} (${entry.as}, ${entry.lang}) ${entry.path}: axe violations\n${report.join('\n')}`);
    } finally {
      await page.close();
    }
  });
}

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
