// With JavaScript turned off, on a phone-sized screen: every page type
// loads with its main heading and working forms, and the key flows work by
// plain form posts — signing in and out, signing up after a mistake (what
// was typed is kept), commenting (held for moderation), and the
// communicator approving the comment so that it appears.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, Session, submit, PHONE } from './lib/browser.mjs';
import { catalogue, discover, open, IDS } from './lib/pages.mjs';

let srv;
let session;
let pages;
let facts;

before(async () => {
  srv = await startServer();
  session = new Session(await launch(), srv.base);
  facts = await discover(srv.base);
  pages = catalogue(facts);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

/** The forms of a page, as plain HTML forms need them to work without JavaScript. */
function formProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const f of document.forms) {
      const method = (f.getAttribute('method') || 'get').toLowerCase();
      const name = `form[action="${f.getAttribute('action')}"]`;
      if (!f.getAttribute('action')) out.push(`${name}: no action`);
      if (!['get', 'post'].includes(method)) out.push(`${name}: method ${method}`);
      if (!f.querySelector('button:not([type="button"]):not([type="reset"]), input[type="submit"]')) {
        out.push(`${name}: no submit button`);
      }
      if (method === 'post' && !f.querySelector('input[type="hidden"][name="_csrf"]')) {
        out.push(`${name}: no CSRF token`);
      }
    }
    return out;
  });
}

describe('every page type without JavaScript', { concurrency: 3 }, () => {
for (const id of IDS) {
  test(`without JavaScript: ${id}`, async () => {
    const entry = pages.find((p) => p.id === id);
    const ctx = await session.context({ as: entry.as, lang: entry.lang, js: false, viewport: PHONE });
    const { page, status } = await open(ctx, srv.base, entry);
    try {
      assert.equal(status, entry.status, `${entry.path}: status`);
      assert.equal(await page.getAttribute('html', 'lang'), entry.lang);
      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, 'one main heading');
      assert.ok(await h1.isVisible(), 'the main heading is visible');
      assert.match((await h1.textContent()).trim(), entry.heading);
      assert.ok(await page.locator(entry.bare ? 'main' : 'main#innehall').isVisible(), 'a visible <main>');
      assert.deepEqual(await formProblems(page), []);
      if (entry.form) assert.ok(await page.locator('main form').count() > 0, 'the form is there');
      if (entry.errors) {
        const summary = page.locator('.error-summary').first();
        assert.ok(await summary.isVisible(), 'an error summary');
        // every link of the summary leads to a field that is marked invalid
        for (const href of await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
          const field = page.locator(href);
          assert.equal(await field.count(), 1, `the summary links to ${href}, which is not on the page`);
          assert.equal(await field.getAttribute('aria-invalid'), 'true', `${href} is not aria-invalid`);
        }
        // without JavaScript nothing scrolls to the summary: the page must
        // open showing it (or the form's action must carry a #fragment)
        const box = await summary.boundingBox();
        const vh = page.viewportSize().height;
        // opened at #fel the box starts at 0 give or take a sub-pixel
        assert.ok(box && box.y > -2 && box.y < vh,
          `${id}: after the failed post the error summary is ${box ? Math.round(box.y) : '?'} px down a ${vh} px `
          + `screen at ${page.url()} — the person does not see why the form came back. Suggested fix: give `
          + 'the form an action with a fragment (every form_open action ends in #fel) so the browser opens the '
          + 'answer at the form and its error summary');
      }
    } finally {
      await page.close();
    }
  });
}
});

test('without JavaScript: sign in and sign out with the plain forms', async () => {
  const ctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/logga-in`);
    await page.fill('#f-epost', 'ungdom@example.org');
    await page.fill('#f-losenord', 'samskap-demo');
    await submit(page, 'main button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.equal((await page.textContent('.flash')).trim(), 'Du är inloggad.');
    assert.equal((await page.textContent('h1')).trim(), 'Mitt konto');
    await submit(page, 'header form[action="/logga-ut"] button');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal((await page.textContent('.flash')).trim(), 'Du är utloggad.');
    assert.equal(await page.locator('header a[href="/logga-in"]').count(), 1);
  } finally {
    await ctx.close();
  }
});

test('without JavaScript: sign up, get an error, correct it; what was typed is kept', async () => {
  const ctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  const email = `asa.${Date.now()}@example.org`;
  try {
    await page.goto(`${srv.base}/registrera`);
    await page.fill('#f-namn', 'Åsa Öberg-Lindström');
    await page.fill('#f-epost', email);
    await page.fill('#f-losenord', 'kort');
    await page.fill('#f-losenord2', 'kort');
    const bad = await submit(page, 'main form[action^="/registrera"] button[type="submit"]');
    assert.equal(bad.status(), 400);
    assert.match(await page.textContent('.error-summary'), /Lösenordet måste ha minst 10 tecken/);
    assert.equal(await page.inputValue('#f-namn'), 'Åsa Öberg-Lindström', 'the name is kept');
    assert.equal(await page.inputValue('#f-epost'), email, 'the e-mail address is kept');
    assert.equal(await page.inputValue('#f-losenord'), '', 'a password is never sent back');
    assert.equal(await page.getAttribute('#f-losenord', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#f-losenord', 'aria-describedby'), /e-losenord/);

    await page.fill('#f-losenord', 'en mening jag minns');
    await page.fill('#f-losenord2', 'en mening jag minns');
    await submit(page, 'main form[action^="/registrera"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.match(await page.textContent('.flash'), /Välkommen! Ditt konto är skapat/);
    assert.match(await page.textContent('main'), /Åsa Öberg-Lindström/);
  } finally {
    await ctx.close();
  }
});

test('without JavaScript: a comment waits for moderation, the communicator approves it, it appears', async () => {
  const post = `${srv.base}/nyheter/${facts.postSlug}`;
  const text = `Kommer det finnas fika på torsdag? (${Date.now()})`;
  const resident = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const editor = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  try {
    const page = await resident.newPage();
    await page.goto(post);
    const countBefore = await page.locator('#kommentarer ol.comments > li').count();
    await page.fill('#f-namn', 'Göran Ek');
    await page.fill('#f-epost', 'goran@exempel');
    await page.fill('#f-kommentar', text);
    const bad = await submit(page, 'form[action*="/kommentera"] button[type="submit"]');
    assert.equal(bad.status(), 400);
    assert.match(await page.textContent('.error-summary'), /giltig e-postadress/);
    assert.equal(await page.inputValue('#f-namn'), 'Göran Ek', 'the name is kept');
    assert.equal(await page.inputValue('#f-kommentar'), text, 'the comment is kept');

    await page.fill('#f-epost', 'goran.ek@example.org');
    await submit(page, 'form[action*="/kommentera"] button[type="submit"]');
    const url = new URL(page.url());
    assert.equal(url.pathname, `/nyheter/${facts.postSlug}`);
    assert.equal(url.hash, '#meddelande');
    assert.equal((await page.textContent('.flash')).trim(),
      'Tack! Din kommentar visas när en moderator har granskat den.');
    // the thank-you is on the screen where the page opens, not above it
    const box = await page.locator('.flash').boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(box && box.y > -2 && box.y + box.height <= PHONE.height, `the message is off screen (y=${box?.y}, scrolled ${scrolled})`);
    assert.equal(await page.getAttribute('.flash', 'role'), 'status');
    assert.doesNotMatch(await page.textContent('#kommentarer'), new RegExp(text.replace(/[()?]/g, '\\$&')),
      'the comment is not shown before moderation');

    const desk = await editor.newPage();
    await desk.goto(`${srv.base}/logga-in?nasta=/redaktion`);
    await desk.fill('#f-epost', 'kommunikator@example.org');
    await desk.fill('#f-losenord', 'samskap-demo');
    await submit(desk, 'main form[action^="/logga-in"] button[type="submit"]');
    assert.equal(new URL(desk.url()).pathname, '/redaktion');
    const card = desk.locator('article.moderation', { hasText: text });
    assert.equal(await card.count(), 1, 'the comment waits on the editorial desk');
    assert.match(await card.textContent(), /Göran Ek/);
    assert.doesNotMatch(await card.textContent(), /goran\.ek@example\.org/, 'the e-mail address is not shown');
    await submit(desk, `article.moderation:has-text("${text}") button:has-text("Godkänn")`);
    assert.equal(new URL(desk.url()).pathname, '/redaktion');
    assert.equal((await desk.textContent('.flash')).trim(), 'Kommentaren är godkänd och visas nu.');
    assert.equal(await desk.locator('article.moderation', { hasText: text }).count(), 0);

    await page.goto(post);
    const shown = page.locator('#kommentarer ol.comments > li', { hasText: text });
    assert.equal(await shown.count(), 1, 'the approved comment appears');
    assert.match(await shown.textContent(), /Göran Ek/);
    assert.equal(await page.locator('#kommentarer ol.comments > li').count(), countBefore + 1);
    assert.match(await page.textContent('#kommentarer-rubrik'), new RegExp(`\\(${countBefore + 1}\\)`));
    assert.doesNotMatch(await page.content(), /goran\.ek@example\.org/, 'the e-mail address is never published');
  } finally {
    await resident.close();
    await editor.close();
  }
});

test('without JavaScript: a test idea can be saved as a draft with only its name', async () => {
  // the form says "Du kan spara ett utkast när som helst", but its required
  // fields make the browser refuse every submit button, "Spara utkast" too
  const ctx = await session.newContext({ as: 'forening', js: false, viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/projekt/${facts.openProject}/ny-ide`);
    await page.fill('#f-titel', 'Läxhjälp på fritidsgården');
    const sent = page.waitForNavigation({ timeout: 4000 }).then(() => true, () => false);
    await page.click('button[name="atgard"][value="spara"]');
    const blocked = await page.evaluate(() => [...document.querySelectorAll(':invalid')]
      .filter((e) => e.tagName !== 'FORM' && e.tagName !== 'FIELDSET').map((e) => `#${e.id}`));
    assert.ok(await sent, `"Spara utkast" sends nothing: the browser stops at the empty required fields ${blocked.join(', ')}. `
      + 'Suggested fix: <button type="submit" name="atgard" value="spara" formnovalidate> (and the same on '
      + '"Fler budgetrader"), so that only "Skicka in" asks for every required field');
    await page.goto(`${srv.base}/mina-ideer`);
    assert.match(await page.textContent('main'), /Läxhjälp på fritidsgården/);
  } finally {
    await ctx.close();
  }
});

test('without JavaScript: Enter in the idea form saves a draft (not "Fler budgetrader")', async () => {
  const ctx = await session.newContext({ as: 'forening', js: false, viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/projekt/${facts.openProject}/ny-ide`);
    const rows = await page.locator('fieldset.budget-row').count();
    await page.fill('#f-titel', 'Pingisturnering med Enter');
    await Promise.all([page.waitForNavigation(), page.press('#f-titel', 'Enter')]);
    assert.equal(await page.locator('fieldset.budget-row').count() > rows ? 'more rows' : 'saved',
      'saved', 'Enter added budget rows instead of saving');
    await page.goto(`${srv.base}/mina-ideer`);
    assert.match(await page.textContent('main'), /Pingisturnering med Enter/);
  } finally {
    await ctx.close();
  }
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
