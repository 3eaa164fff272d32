// Every page type, anonymous and signed in, Swedish and English, at phone
// width (360 px) and desktop width (1280 px): no axe-core violations of
// WCAG 2.1 A and AA, and a full-page screenshot of each under
// $SAMSKAP_TEST_OUTPUT/screenshots/<page>-<width>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, axe, describeViolations, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { catalogue, discover, open } from './lib/pages.mjs';

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

// the catalogue needs the server's data, so the tests are made from a
// stand-in list of ids and look their entry up when they run
const ids = catalogue({ postSlug: 'x', repId: '1' }).map((p) => p.id);

for (const id of ids) {
  for (const vp of [PHONE, DESKTOP]) {
    test(`axe: ${id} at ${vp.width} px`, async () => {
      const entry = pages.find((p) => p.id === id);
      const ctx = await session.context({ as: entry.as, lang: entry.lang, viewport: vp });
      const { page, status } = await open(ctx, srv.base, entry);
      try {
        assert.equal(status, entry.status, `${entry.path}: status`);
        await screenshot(page, `${id}-${vp.width}`);
        const violations = await axe(page);
        assert.equal(violations.length, 0,
          `${id} (${entry.as}, ${entry.lang}) ${entry.path} at ${vp.width} px: axe violations:\n`
          + describeViolations(violations));
      } finally {
        await page.close();
      }
    });
  }
}

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
