// What axe does not check, on every page type: the skip link is the first
// thing the keyboard reaches and moves focus to <main>; every form field
// has a visible label; nothing scrolls sideways at 320 px; text zoomed to
// 200 % still fits; printing hides the navigation; typical pages weigh
// under 30 KB with their CSS; no request goes anywhere but 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { catalogue, discover, open, IDS } from './lib/pages.mjs';

const NARROW = { width: 320, height: 640 };
const WEIGHT_LIMIT = 30 * 1024;

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

/** Elements wider than the viewport, for the failure message. */
function overflow(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const out = [];
    const scrolls = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (scrolls(el)) continue; // inside its own scrolling box (a wide table)
      const r = el.getBoundingClientRect();
      if (r.width && r.right > de.clientWidth + 1) {
        // only the outermost offender of each branch
        if (!out.some((o) => o.el.contains(el))) out.push({ el, right: Math.round(r.right) });
      }
    }
    return {
      scrollWidth: de.scrollWidth,
      clientWidth: de.clientWidth,
      offenders: out.slice(0, 6).map((o) => `${o.el.tagName.toLowerCase()}${o.el.id ? `#${o.el.id}` : ''}`
        + `${o.el.className && typeof o.el.className === 'string' ? `.${o.el.className.trim().replace(/\s+/g, '.')}` : ''}`
        + ` (right edge ${o.right} px) "${(o.el.textContent || '').trim().slice(0, 40)}"`),
    };
  });
}

async function assertNoSideScroll(page, what) {
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth,
    `${what}: the page scrolls sideways (scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}); `
    + `too wide: ${o.offenders.join('; ')}`);
}

/** Font sizes of the body text in <main> (headings may scale by the
 *  viewport too, so they are left out). */
function textSizes(page) {
  return page.evaluate(() => [...document.querySelectorAll(
    'main p, main li, main label, main dd, main td, main input, main textarea, main select, main button')]
    .map((el) => ({ what: el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''),
      size: parseFloat(getComputedStyle(el).fontSize) })));
}

/** Form fields without a visible label of their own (<label for> or a wrapping label). */
function unlabelled(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && cs.opacity !== '0'
        && cs.clip !== 'rect(0px, 0px, 0px, 0px)';
    };
    const bad = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) continue;
      if (!shown(el)) continue;
      const label = [...(el.labels || [])].find((l) => shown(l) && l.textContent.trim());
      if (!label) bad.push(el.outerHTML.slice(0, 160));
    }
    return bad;
  });
}

for (const id of IDS) {
  test(`checks beyond axe: ${id}`, async (t) => {
    const entry = pages.find((p) => p.id === id);
    const ctx = await session.context({ as: entry.as, lang: entry.lang, viewport: NARROW });
    const { page, status } = await open(ctx, srv.base, entry);
    assert.equal(status, entry.status, `${entry.path}: status`);
    try {
      // first, on the freshly loaded page, as a keyboard user meets it
      await t.test('the skip link is the first stop and moves focus to <main>', () => checkSkip(page));

      await t.test('keyboard focus is visible on every stop', async () => {
        const { count, hidden } = await invisibleFocus(page);
        assert.ok(count > 3, `${id}: only ${count} keyboard stops found`);
        assert.deepEqual(hidden, [], `${id}: elements that show no change when they get keyboard focus`);
      });

      await t.test('no sideways scrolling at 320 px', () => assertNoSideScroll(page, `${id} at 320 px`));

      await t.test('every form field has a visible label', async () => {
        const bad = await unlabelled(page);
        assert.deepEqual(bad, [], `${id}: form fields without a visible <label>`);
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
            if (vp === PHONE && ['start', 'inlagg', 'registrera-fel', 'admin-anvandare-detalj'].includes(id)) {
              await screenshot(page, `${id}-360-text200`);
            }
            await assertNoSideScroll(page, `${id} with text at 200 % at ${vp.width} px`);
          } finally {
            await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
          }
        }
        await page.setViewportSize(NARROW);
      });

      await t.test('printing hides the navigation', async () => {
        await page.setViewportSize(DESKTOP);
        await page.emulateMedia({ media: 'print' });
        try {
          assert.equal(await page.locator('header.site nav').isVisible(), false, 'the main navigation prints');
          assert.equal(await page.locator('a.skip').isVisible(), false, 'the skip link prints');
          assert.equal(await page.locator('footer.site').isVisible(), false, 'the footer prints');
          assert.equal(await page.locator('main h1').isVisible(), true, 'the heading does not print');
          if (['inlagg', 'organisation-helsam', 'admin-logg'].includes(id)) await screenshot(page, `${id}-print`);
        } finally {
          await page.emulateMedia({ media: 'screen' });
          await page.setViewportSize(NARROW);
        }
      });

    } finally {
      if (!page.isClosed()) await page.close();
    }
  });
}

/** Tabs through the page (from the skip link on, at most 30 stops) and
 *  returns the stops whose look does not change when focused. */
async function invisibleFocus(page) {
  const look = (el) => {
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
      ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : '';
    return [outline, cs.boxShadow, cs.backgroundColor, cs.color, cs.borderColor].join(' | ');
  };
  await page.evaluate(() => document.querySelector('a.skip')?.focus());
  const stops = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((lookSrc) => {
      const lookFn = new Function(`return (${lookSrc})`)();
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return {
        idx: [...document.querySelectorAll('*')].indexOf(el),
        what: el.outerHTML.slice(0, 120),
        look: lookFn(el),
      };
    }, look.toString());
    if (!stop || stops.some((s) => s.idx === stop.idx)) break;
    stops.push(stop);
  }
  await page.evaluate(() => document.activeElement?.blur());
  const plain = await page.evaluate(({ idxs, lookSrc }) => {
    const lookFn = new Function(`return (${lookSrc})`)();
    const all = [...document.querySelectorAll('*')];
    return idxs.map((i) => lookFn(all[i]));
  }, { idxs: stops.map((s) => s.idx), lookSrc: look.toString() });
  return { count: stops.length, hidden: stops.filter((s, i) => s.look === plain[i]).map((s) => s.what) };
}

async function checkSkip(page) {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return {
      tag: a.tagName.toLowerCase(), cls: a.className, href: a.getAttribute('href'),
      text: a.textContent.trim(), inView: r.width > 1 && r.height > 1 && r.left >= 0 && r.top >= 0,
    };
  });
  assert.equal(first.tag, 'a', `the first Tab stop is ${JSON.stringify(first)}`);
  assert.equal(first.cls, 'skip', `the first Tab stop is ${JSON.stringify(first)}`);
  assert.equal(first.href, '#innehall');
  assert.ok(first.inView, 'the skip link is not visible when it has focus');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => ({
    tag: document.activeElement.tagName.toLowerCase(), id: document.activeElement.id,
  }));
  assert.deepEqual(focused, { tag: 'main', id: 'innehall' }, 'Enter on the skip link does not focus <main>');
}

test('typical pages weigh under 30 KB (HTML + CSS) and load nothing else', async (t) => {
  const ctx = await session.context({ viewport: DESKTOP });
  const rows = [];
  for (const entry of pages.filter((p) => p.typical)) {
    const page = await ctx.newPage();
    // a fresh page without cache: the CSS is counted every time
    await page.route('**/*', (route) => route.continue());
    const loaded = [];
    page.on('response', (r) => loaded.push(r));
    await page.goto(srv.base + entry.path, { waitUntil: 'load' });
    let bytes = 0;
    const kinds = [];
    for (const r of loaded) {
      const kind = r.request().resourceType();
      const body = await r.body().catch(() => Buffer.alloc(0));
      if (r.status() >= 300 && r.status() < 400) continue;
      bytes += body.length;
      kinds.push(`${kind} ${new URL(r.url()).pathname} ${body.length} B`);
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
