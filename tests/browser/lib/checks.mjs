// Checks axe does not make, for the browser tests: sideways scrolling,
// visible labels, text zoom, visible keyboard focus, the skip link.
import assert from 'node:assert/strict';

/** Elements wider than the viewport, for the failure message. */
export function overflow(page) {
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

export async function assertNoSideScroll(page, what) {
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth,
    `${what}: the page scrolls sideways (scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}); `
    + `too wide: ${o.offenders.join('; ')}`);
}

/** Font sizes of the body text in <main> (headings may scale by the
 *  viewport too, so they are left out). */
export function textSizes(page) {
  return page.evaluate(() => [...document.querySelectorAll(
    'main p, main li, main label, main dd, main td, main input, main textarea, main select, main button')]
    .map((el) => ({ what: el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''),
      size: parseFloat(getComputedStyle(el).fontSize) })));
}

/** Form fields without a visible label of their own (<label for> or a wrapping label). */
export function unlabelled(page) {
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

/** Every focusable element on the page, focused in turn after a key
 *  press (so that :focus-visible applies as for keyboard users); returns
 *  those whose look does not change when focused. */
export async function invisibleFocus(page) {
  await page.evaluate(() => document.querySelector('a.skip')?.focus());
  await page.keyboard.press('Tab'); // the keyboard is in use: focus() now shows :focus-visible
  return page.evaluate(() => {
    const inClosedDetails = (el) => {
      for (let d = el.closest('details:not([open])'); d; d = d.parentElement?.closest('details:not([open])')) {
        const summary = d.querySelector(':scope > summary');
        if (!summary || !summary.contains(el)) return true;
      }
      return false;
    };
    const look = (el) => {
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
        ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : '';
      return [outline, cs.boxShadow, cs.backgroundColor, cs.color, cs.borderColor, cs.textDecorationLine].join(' | ');
    };
    const els = [...document.querySelectorAll(
      'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])')]
      .filter((el) => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
        && el.getAttribute('tabindex') !== '-1' // not a keyboard stop
        && !inClosedDetails(el)); // folded away until its <summary> opens it
    // WCAG contrast of the text of a focused element against what is behind it
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const c = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
      }
      return [255, 255, 255];
    };
    const contrast = (el) => {
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(behind(el))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    document.activeElement?.blur();
    const plain = els.map(look);
    const hidden = [];
    const faint = [];
    let notVisible = 0;
    els.forEach((el, i) => {
      el.focus();
      if (!el.matches(':focus-visible')) notVisible++;
      if (look(el) === plain[i]) hidden.push(el.outerHTML.slice(0, 120));
      const text = (el.innerText || '').trim();
      if (text && el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.tagName !== 'TEXTAREA') {
        const ratio = contrast(el);
        if (ratio < 4.5) faint.push(`${ratio.toFixed(2)}:1 ${el.outerHTML.slice(0, 100)}`);
      }
    });
    document.activeElement?.blur();
    return { count: els.length, hidden, notVisible, faint };
  });
}

export async function checkSkip(page) {
  // a page opened at a fragment (a refused form opens at its error summary, #fel)
  // starts keyboard navigation there, on purpose: test the skip link from
  // the top of the document, as on a page opened without one
  if (new URL(page.url()).hash) {
    await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.tabIndex = -1;
      document.body.prepend(probe);
      probe.focus();
      probe.remove();
    });
  }
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
