// Browser helpers for the browser tests: Debian's Chromium through
// playwright-core (never a downloaded browser), contexts signed in as the
// demo accounts, axe-core for WCAG 2.1 A/AA, screenshots under the test
// output, and a guard that records every request to another host.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ROOT } from '../../lib/server.mjs';
import { DEMO_PASSWORD } from '../../lib/client.mjs';

export const OUT = path.resolve(process.env.SAMSKAP_TEST_OUTPUT || path.join(ROOT, 'test-output'));
export const SHOTS = path.join(OUT, 'screenshots');

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const EMAILS = {
  admin: 'admin@example.org',
  koordinator: 'koordinator@example.org',
  kommunikator: 'kommunikator@example.org',
  forening: 'forening@example.org',
  ungdom: 'ungdom@example.org',
  reporter: 'reporter@example.org',
};

export function launch() {
  return chromium.launch({
    executablePath: process.env.SAMSKAP_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function rnd() {
  return Math.floor(Math.random() * 250) + 1;
}

/** True for URLs that stay on the test server's own host. */
export function isLocal(url) {
  const u = new URL(url);
  if (['data:', 'about:', 'blob:'].includes(u.protocol)) return true;
  return u.hostname === '127.0.0.1';
}

/**
 * A browser session for one test file: it hands out contexts for a
 * (person, language, JavaScript on/off, viewport), signing in once per
 * person, and records every request that leaves 127.0.0.1.
 */
export class Session {
  constructor(browser, base) {
    this.browser = browser;
    this.base = base;
    this.offsite = [];
    this.states = new Map();
    this.contexts = new Map();
  }

  /** A fresh context (not cached).  `as`: a key of EMAILS or 'anon'. */
  async newContext({ as = 'anon', lang = 'sv', js = true, viewport = DESKTOP, storageState } = {}) {
    const ctx = await this.browser.newContext({
      viewport,
      javaScriptEnabled: js,
      // a Swedish resident's browser (navigator.language, Accept-Language); the
      // browser's own widgets stay English: Debian's chromium here has only en-US.pak
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      storageState: storageState ?? (await this.stateFor(as, lang)),
      // the server trusts X-Forwarded-For in tests: each context is its
      // own client, so the sign-in rate limit of one test does not hit another
      extraHTTPHeaders: { 'x-forwarded-for': `10.${rnd()}.${rnd()}.${rnd()}` },
    });
    ctx.on('request', (req) => {
      if (!isLocal(req.url())) this.offsite.push(`${req.url()} (from ${req.frame()?.url?.() ?? '?'})`);
    });
    return ctx;
  }

  /** A cached context for (as, lang, js, viewport). */
  async context(opts = {}) {
    const vp = opts.viewport || DESKTOP;
    const key = `${opts.as || 'anon'}|${opts.lang || 'sv'}|${opts.js !== false}|${vp.width}x${vp.height}`;
    if (!this.contexts.has(key)) this.contexts.set(key, this.newContext(opts));
    return this.contexts.get(key);
  }

  /** Cookies of a person signed in through the real form (and the language cookie). */
  stateFor(as, lang) {
    const key = `${as}|${lang}`;
    if (!this.states.has(key)) {
      this.states.set(key, (async () => {
        const ctx = await this.newContext({ as: 'anon', storageState: { cookies: [], origins: [] } });
        const page = await ctx.newPage();
        if (lang !== 'sv') await page.goto(`${this.base}/sprak/${lang}?tillbaka=/`);
        if (as !== 'anon') await signIn(page, this.base, EMAILS[as]);
        // an anonymous visitor's CSRF cookie is made by the first page with a
        // form; tests share a context and open pages at once, and two first
        // pages at once would each make one (the later wins, the earlier
        // form's token no longer matches), so the state starts with one
        else await page.goto(`${this.base}/logga-in`);
        const state = await ctx.storageState();
        await ctx.close();
        return state;
      })());
    }
    return this.states.get(key);
  }

  async close() {
    for (const c of this.contexts.values()) await (await c).close().catch(() => {});
    await this.browser.close();
  }
}

/** Signs in through the sign-in form (works with and without JavaScript). */
export async function signIn(page, base, email, password = DEMO_PASSWORD) {
  await page.goto(`${base}/logga-in`);
  await page.fill('#f-epost', email);
  await page.fill('#f-losenord', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/logga-in')),
    page.click('main form[action^="/logga-in"] button[type="submit"]'),
  ]);
}

/** Runs axe with the WCAG 2.1 A/AA tags; returns the violations.  Legacy
 *  mode runs axe.run() in the page itself instead of finishing in an extra
 *  blank page: two to three times faster, and the same for pages without
 *  iframes, which samskap's pages are (checked here). */
export async function axe(page) {
  const frames = page.frames().length;
  if (frames !== 1) throw new Error(`${page.url()} has ${frames - 1} iframe(s): run axe without legacy mode`);
  const res = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return res.violations;
}

/** A readable failure message for axe violations. */
export function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) => {
      const summary = (n.failureSummary || '').split('\n').map((l) => `        ${l.trim()}`).join('\n');
      return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n${summary}`;
    }).join('\n');
    const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
    return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  }).join('\n');
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Clicks a submit button and waits for the page the form leads to. */
export async function submit(page, selector) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click(selector),
  ]);
  return resp;
}

/**
 * The axe checks of a flow: `check(page, name)` runs axe at 360 px and
 * saves a screenshot named `${prefix}-${name}`; the violations are kept, so
 * the flow goes on past a page that fails, and `assertClean(pageTypes)` in
 * the last test reports them all and every page type never reached.
 */
export function flowChecks(prefix) {
  const results = [];
  return {
    async check(page, name) {
      await page.setViewportSize(PHONE);
      await screenshot(page, `${prefix}-${name}`);
      const violations = await axe(page);
      const u = new URL(page.url());
      results.push({ name, url: u.pathname + u.search, violations });
    },
    assertClean(pageTypes) {
      const seen = results.map((r) => r.name);
      assert.deepEqual(pageTypes.filter((n) => !seen.includes(n)), [], 'page types the flow never reached');
      const bad = results.filter((r) => r.violations.length);
      assert.equal(bad.length, 0, bad.map((r) => `${r.name} (${r.url}):\n${describeViolations(r.violations)}`).join('\n'));
    },
  };
}

/** axe on a page opened without JavaScript: axe is a script, so it runs in
 *  a context with JavaScript on, with the same cookies, on the same address. */
export async function assertAxeCleanNoJs(session, page, what) {
  const ctx = await session.newContext({ js: true, viewport: PHONE, storageState: await page.context().storageState() });
  try {
    const p = await ctx.newPage();
    await p.goto(page.url());
    const v = await axe(p);
    assert.equal(v.length, 0, `${what}: axe violations\n${describeViolations(v)}`);
  } finally {
    await ctx.close();
  }
}
