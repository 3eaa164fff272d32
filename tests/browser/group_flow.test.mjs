// The development group (issue 4), "done when", in Chromium on a phone
// (360 px): a coordinator plans a meeting (with a mistake first), builds its
// agenda from activities (Renovering av besöksrum among them), marks one
// report missing and publishes the minutes; the next meeting's agenda shows
// the carried-over item by itself; the submitter of the reported activity
// (forening@example.org) gets the notification, in the site and at the SMTP
// sink, and its link leads to that part of the minutes.  Two coordinators
// saving the same minutes see the conflict view.  The print view is checked
// as print (A4 width, no colour-only information, a PDF); the topic
// suggestion and a minutes save also work with JavaScript off.  Every new
// page type is checked with axe (WCAG 2.1 A/AA) and photographed
// (screenshots/group-*.png).
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, Session, flowChecks, screenshot, submit, signIn, PHONE, OUT } from './lib/browser.mjs';
import { EMAIL, GROUP, personWithRole, startGroupServer, waitMail, sql } from '../http/group_helpers.mjs';

// no step may hang the file: each has a minute
const test = (name, fn) => nodeTest(name, { timeout: 60000 }, fn);

let srv;
let session;
let coord;
let anonCtx;
const S = {};

before(async () => {
  srv = await startGroupServer();
  session = new Session(await launch(), srv.base);
  coord = await session.context({ as: 'koordinator', viewport: PHONE });
  anonCtx = await session.context({ viewport: PHONE });
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

const { check, assertClean } = flowChecks('group');

async function h1(page) {
  return (await page.locator('h1').first().textContent()).trim();
}

const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

test('a resident reads the group page: the meetings with their themes, upcoming by date', async () => {
  const page = await anonCtx.newPage();
  await page.goto(`${srv.base}/grupper`);
  assert.equal(await h1(page), 'Gemensam utvecklingsgrupp');
  const t = await mainText(page);
  assert.match(t, /Kommande möten Inga möten är inplanerade just nu\./);
  assert.match(t, /Väntar på protokoll måndag 25 april 2022, 13\.30–15\.30 – Skaparverkstad och guidade vandringar[^]*måndag 16 maj 2022, 13\.30–15\.30 – Gemensamma insatser på H22 City Expo[^]*Tidigare möten/);
  await check(page, 'group');
  await submit(page, 'a[href="/moten/1"]');
  assert.equal(await h1(page), 'Gemensam utvecklingsgrupp 21 februari 2022');
  await check(page, 'meeting-published-demo');
  await page.close();
});

test('a coordinator plans a meeting (ending before it starts first: the message, what was typed kept)', async () => {
  const page = await coord.newPage();
  await page.goto(`${srv.base}/grupper/${GROUP}`);
  await submit(page, `a[href="/grupper/${GROUP}/nytt-mote"]`);
  assert.equal(await h1(page), 'Planera ett nytt möte');
  await check(page, 'meeting-form');
  await page.fill('#f-datum', '2022-06-13');
  await page.fill('#f-start', '15:30');
  await page.fill('#f-slut', '13:30');
  await page.fill('#f-plats', 'Fontänhuset Helsingborg');
  await page.fill('#f-adress', 'Norra strandgatan 8');
  await page.fill('#f-digitalt', 'Webex Meetings – länken skickas till den som anmäler sig.');
  await page.fill('#f-tema', 'Sommarens aktiviteter och H22 City Expo');
  const bad = await submit(page, 'main form button[type="submit"]');
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.error-summary').textContent(), /Mötet kan inte sluta innan det börjar/);
  assert.equal(await page.inputValue('#f-tema'), 'Sommarens aktiviteter och H22 City Expo');
  assert.equal(await page.inputValue('#f-plats'), 'Fontänhuset Helsingborg');
  await check(page, 'meeting-form-errors');
  await page.fill('#f-start', '13:30');
  await page.fill('#f-slut', '15:30');
  const ok = await submit(page, 'main form button[type="submit"]');
  assert.equal(ok.status(), 200);
  const m = new URL(page.url()).pathname.match(/\/moten\/(\d+)$/);
  assert.ok(m, page.url());
  S.m1 = Number(m[1]);
  assert.equal(await h1(page), 'Gemensam utvecklingsgrupp 13 juni 2022');
  assert.match(await mainText(page), /Tid måndag 13 juni 2022, 13\.30–15\.30/);
  await page.close();
});

test('the coordinator builds the agenda from activities, adds an övrig fråga and reorders', async () => {
  const page = await coord.newPage();
  await page.goto(`${srv.base}/moten/${S.m1}`);
  await submit(page, `a[href="/moten/${S.m1}/dagordning"]`);
  assert.equal(await h1(page), 'Ändra dagordningen');
  await check(page, 'agenda-editor-empty');
  for (const label of ['Renovering av besöksrum (Framtidsverkstaden, Erikshjälpen)', 'Julfest i Hasslarp/Kattarp (Fritid Helsingborg, Byabetan)',
    'Förebyggande ungdomsprojekt på Söder (Helsam, Invasam)']) {
    await page.selectOption('#f-aktivitet', { label });
    await submit(page, 'form:has(#f-aktivitet) button[type="submit"]');
    assert.match(await mainText(page), /Sparat\./);
  }
  await page.check('#f-del-1');
  await page.fill('#f-rubrik', 'Inhabithon i juni – hur kan föreningarna vara med?');
  await page.fill('#f-presentator2', 'Amanda Ricketts');
  await submit(page, 'form:has(#f-rubrik) button[type="submit"]');
  await submit(page, 'button[aria-label="Flytta upp: Förebyggande ungdomsprojekt på Söder"]');
  const items = await page.locator('ol.agenda-edit').first().locator(':scope > li > span').allTextContents();
  assert.deepEqual(items.map((t) => t.replace(/\s+/g, ' ').trim()), [
    'Renovering av besöksrum (Framtidsverkstaden och Erikshjälpen)',
    'Förebyggande ungdomsprojekt på Söder (Helsam och Invasam)',
    'Julfest i Hasslarp/Kattarp (Fritid Helsingborg och Byabetan)',
  ].map((t) => t));
  await check(page, 'agenda-editor');
  // the meeting page shows the agenda with the organisations in parentheses
  await page.goto(`${srv.base}/moten/${S.m1}`);
  const agenda = (await page.locator('ol.agenda').textContent()).replace(/\s+/g, ' ');
  assert.match(agenda, /Renovering av besöksrum \(Framtidsverkstaden( och |, )Erikshjälpen\) – Nadine Flatt/);
  assert.match(await page.locator('main').textContent(), /Inhabithon i juni – hur kan föreningarna vara med\? – Amanda Ricketts/);
  await check(page, 'meeting-agenda');
  await page.close();
});

test('minutes: the Christmas party\'s report is marked missing, the rest written; the minutes are published', async () => {
  const page = await coord.newPage();
  await page.goto(`${srv.base}/moten/${S.m1}`);
  await submit(page, `a[href="/moten/${S.m1}/protokoll"]`);
  assert.equal(await h1(page), 'Skriv protokoll');
  const renov = page.locator('fieldset.minutes-item', { hasText: 'Renovering av besöksrum' });
  await renov.locator('textarea').first().fill('Ungdomarna har målat besöksrummet i två nyanser av grönt. Rummet invigs i augusti.');
  await renov.locator('textarea').nth(1).fill('Kan rummet användas för familjesamtal?\nVem betalar färgen?');
  const julfest = page.locator('fieldset.minutes-item', { hasText: 'Julfest i Hasslarp/Kattarp' });
  await julfest.getByLabel('Rapport saknas – punkten flyttas till nästa möte').check();
  await julfest.locator('textarea').first().fill('Christer var sjuk; rapporten kommer till nästa möte.');
  await page.fill('#f-narvaro', 'Amanda Ricketts, Socialförvaltningen\nNadine Flatt, Framtidsverkstaden\nKim Karlsson (digitalt)');
  await check(page, 'minutes-editor');
  await submit(page, 'button:text-is("Spara protokollet")');
  assert.match(await mainText(page), /Protokollet är sparat\./);
  S.renov = Number((await renov.locator('textarea').first().getAttribute('name')).replace('text-', ''));
  S.julfest = Number((await julfest.locator('textarea').first().getAttribute('name')).replace('text-', ''));
  // an action item, with its form
  await page.selectOption('#f-agare_org', { label: 'Helsam' });
  await page.fill('#f-vad', 'Helsam bjuder in sina medlemsföreningar till en workshop om besöksrummet.');
  await page.fill('#f-senast', '2022-08-31');
  await page.selectOption('#f-punkt', { label: 'Renovering av besöksrum' });
  await submit(page, 'button:text-is("Lägg till åtgärdspunkten")');
  assert.match(await mainText(page), /Helsam bjuder in sina medlemsföreningar/);
  await check(page, 'minutes-editor-actions');
  await page.goto(`${srv.base}/moten/${S.m1}`);
  await submit(page, 'main form[action$="/publicera"] button');
  await submit(page, 'main form[action$="/publicera"] button'); /* the confirmation */
  assert.match(await mainText(page), /Protokollet är publicerat/);
  const sec = page.locator(`#punkt-${S.renov}`);
  assert.match(await sec.textContent(), /målat besöksrummet/);
  assert.match(await page.locator(`#punkt-${S.julfest}`).textContent(), /Rapporten saknades\. Punkten tas upp på nästa möte\./);
  await check(page, 'meeting-minutes');
  await page.close();
});

test('the next meeting\'s agenda shows the carried-over item by itself', async () => {
  const page = await coord.newPage();
  await page.goto(`${srv.base}/grupper/${GROUP}/nytt-mote`);
  await page.fill('#f-datum', '2022-09-12');
  await page.fill('#f-tema', 'Hösten');
  await submit(page, 'main form button[type="submit"]');
  S.m2 = Number(new URL(page.url()).pathname.match(/\/moten\/(\d+)$/)[1]);
  // the item's activity (its status and report, issue 8) is read apart from its heading
  const agenda = (await page.locator('ol.agenda').evaluate((ol) => {
    const c = ol.cloneNode(true);
    c.querySelectorAll('.item-status, .item-report').forEach((x) => x.remove());
    return c.textContent;
  })).replace(/\s+/g, ' ').trim();
  assert.match(agenda, /^Julfest i Hasslarp\/Kattarp \(Fritid Helsingborg( och |, )Byabetan\) – Christer Hagström\s*Flyttad hit eftersom rapporten saknades på mötet 13 juni 2022$/);
  assert.equal((await page.locator('ol.agenda .item-status .tag').textContent()).trim(), 'Genomförd');
  assert.equal(await page.locator(`ol.agenda a[href="/moten/${S.m1}"]`).count(), 1);
  const fu = (await page.locator('h3:text-is("Uppföljning av öppna åtgärdspunkter") + ul').innerText()).replace(/\s+/g, ' ');
  assert.match(fu, /Helsam bjuder in sina medlemsföreningar till en workshop om besöksrummet\. \(senast 31 augusti 2022\) \(från mötet 13 juni 2022\) öppen/);
  await check(page, 'meeting-carried');
  await page.close();
});

test('the submitter of the reported activity gets the notification in the site and at the SMTP sink; the link leads to the item', async () => {
  const link = `/moten/${S.m1}#punkt-${S.renov}`;
  // the shared sink keeps the mail of earlier runs: this server's address makes it this run's
  const [mail] = await waitMail(srv, { to: EMAIL.forening, subject: 'Protokollet är publicerat: Gemensam utvecklingsgrupp 13 juni 2022', body: `${srv.base}${link}` });
  assert.ok(mail.body.includes(`${srv.base}${link}`), `the e-mail does not link to ${link}:\n${mail.body}`);
  assert.match(mail.body, /Renovering av besöksrum/);
  const ctx = await session.context({ as: 'forening', viewport: PHONE });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/aviseringar`);
  // the notification goes through /aviseringar/N (which marks it read) to the item
  const a = page.locator('ul.notifications a', { hasText: 'Renovering av besöksrum' }).filter({ hasText: '13 juni 2022' });
  assert.equal(await a.count(), 1, 'no notification of the published minutes');
  await Promise.all([page.waitForURL((u) => u.pathname === `/moten/${S.m1}` && u.hash === `#punkt-${S.renov}`), a.click()]);
  const box = await page.locator(`#punkt-${S.renov}`).boundingBox();
  assert.ok(box && box.y < PHONE.height && box.y + box.height > 0, 'the linked part of the minutes is not in view');
  await page.close();
});

test('two coordinators save the same minutes: the later one sees the conflict view with both texts; nothing is lost', async () => {
  const vera = await personWithRole(srv, 'koordinator', 'Vera Tvåa');
  const ctx = await session.newContext({ viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const vp = await ctx.newPage();
  await signIn(vp, srv.base, vera.email, 'ett-langt-losenord-1');
  const kp = await coord.newPage();
  await kp.goto(`${srv.base}/moten/${S.m2}/protokoll`);
  await vp.goto(`${srv.base}/moten/${S.m2}/protokoll`);
  const kf = kp.locator('fieldset.minutes-item').first().locator('textarea').first();
  const vf = vp.locator('fieldset.minutes-item').first().locator('textarea').first();
  await kf.fill('Kim: festen blev av i december.');
  await submit(kp, 'button:text-is("Spara protokollet")');
  await vf.fill('Vera: rapporten kom per e-post.');
  const conflict = await submit(vp, 'button:text-is("Spara protokollet")');
  assert.equal(conflict.status(), 409);
  const t = await mainText(vp);
  assert.match(t, /Någon annan sparade protokollet medan du skrev/);
  assert.match(t, /Senast sparat av Kim Karlsson/);
  assert.match(t, /Sparat av någon annan under tiden: Kim: festen blev av i december\./);
  assert.equal(await vp.locator('fieldset.minutes-item').first().locator('textarea').first().inputValue(), 'Vera: rapporten kom per e-post.');
  await check(vp, 'minutes-conflict');
  await vp.locator('fieldset.minutes-item').first().locator('textarea').first().fill('Kim: festen blev av i december.\n\nVera: rapporten kom per e-post.');
  const ok = await submit(vp, 'button:text-is("Spara protokollet")');
  assert.equal(ok.status(), 200);
  assert.match(await mainText(vp), /Protokollet är sparat\./);
  const stored = sql(srv, [`SELECT minutes FROM agenda_items WHERE meeting_id = ${S.m2} ORDER BY position LIMIT 1`]).trim();
  assert.equal(stored, 'Kim: festen blev av i december.\n\nVera: rapporten kom per e-post.');
  await kp.close();
  await ctx.close();
});

test('the print views: no navigation; as print they fit A4 width, read without colour, and make a PDF', async () => {
  const page = await anonCtx.newPage();
  for (const [name, q] of [['print-agenda', ''], ['print-minutes', '?del=protokoll']]) {
    await page.goto(`${srv.base}/moten/${S.m1}/utskrift${q}`);
    assert.equal(await page.locator('nav, header, footer').count(), 0, 'navigation in the print view');
    assert.equal(await h1(page), 'Gemensam utvecklingsgrupp 13 juni 2022');
    await check(page, name);
    await page.emulateMedia({ media: 'print' });
    // A4 with the stylesheet's @page margins of 16 mm a side: 178 mm ≈ 672 CSS px
    await page.setViewportSize({ width: 672, height: 950 });
    const overflow = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > w + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return { scroll: document.documentElement.scrollWidth, w, wide: wide.slice(0, 5) };
    });
    assert.ok(overflow.scroll <= overflow.w && overflow.wide.length === 0, `${name} is wider than A4: ${JSON.stringify(overflow)}`);
    const coloured = await page.evaluate(() => {
      const grey = (c) => {
        const m = c.match(/rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/);
        if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return true;
        const [r, g, b] = [m[1], m[2], m[3]].map(Number);
        return Math.max(r, g, b) - Math.min(r, g, b) <= 24;
      };
      const out = [];
      for (const el of document.querySelectorAll('body, body *')) {
        if (!el.getClientRects().length) continue;
        const s = getComputedStyle(el);
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (own && !grey(s.color)) out.push(`${el.tagName.toLowerCase()} color ${s.color}: ${el.textContent.trim().slice(0, 40)}`);
        if (!grey(s.backgroundColor)) out.push(`${el.tagName.toLowerCase()} background ${s.backgroundColor}`);
        for (const side of ['Top', 'Left']) {
          if (s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0 && !grey(s[`border${side}Color`])) {
            out.push(`${el.tagName.toLowerCase()} border ${s[`border${side}Color`]}`);
          }
        }
      }
      return out;
    });
    assert.deepEqual(coloured, [], `${name} uses colour when printed`);
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 4, `${name}: ${pages} A4 pages`);
    mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
    writeFileSync(path.join(OUT, 'screenshots', `group-${name}.pdf`), pdf);
    await page.emulateMedia({ media: 'screen' });
  }
  // the missing report is said in words, not only shown in a colour
  const text = await page.locator('main').textContent();
  assert.match(text, /Rapporten saknades\. Punkten tas upp på nästa möte\./);
  await page.close();
});

test('activities: the list, an activity and the form (with a count refused)', async () => {
  const page = await coord.newPage();
  await page.goto(`${srv.base}/aktiviteter`);
  assert.equal(await h1(page), 'Aktiviteter');
  const row = page.locator('tr', { hasText: 'Julfest i Hasslarp/Kattarp' });
  assert.match(await row.textContent(), /16–17/);
  await check(page, 'activities');
  await submit(page, 'a:text-is("Julfest i Hasslarp/Kattarp")');
  assert.match(await mainText(page), /Varav barn och unga 16–17/);
  await check(page, 'activity');
  await submit(page, 'main a.button[href$="/redigera"]');
  assert.equal(await h1(page), 'Ändra aktiviteten');
  await check(page, 'activity-form');
  await page.fill('#f-deltagare', '-5');
  const bad = await submit(page, 'main form button[type="submit"]');
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.error-summary').textContent(), /Skriv ett antal, till exempel 10, eller ett intervall som 16–17/);
  assert.equal(await page.inputValue('#f-deltagare'), '-5');
  await check(page, 'activity-form-errors');
  await page.close();
});

test('with JavaScript off: a resident suggests a topic without an account; a coordinator moderates it', async () => {
  const withJs = await anonCtx.newPage();
  await withJs.goto(`${srv.base}/grupper/${GROUP}/foresla-tema`);
  await check(withJs, 'suggest-form'); // axe needs JavaScript
  await withJs.close();
  const ctx = await session.newContext({ js: false, viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/grupper/${GROUP}`);
    await submit(page, `a[href="/grupper/${GROUP}/foresla-tema"]`);
    assert.equal(await h1(page), 'Föreslå ett tema');
    await page.fill('#f-namn', 'Britt Åkesson');
    await page.fill('#f-tema', 'Hur når vi äldre som inte använder internet?');
    const r = await submit(page, 'main form button[type="submit"]');
    assert.equal(r.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/grupper/${GROUP}`);
    assert.match(await mainText(page), /Tack för ditt förslag! Det visas när en koordinator har läst det\./);
    assert.doesNotMatch(await mainText(page), /Hur når vi äldre/);
  } finally {
    await ctx.close();
  }
  const k = await coord.newPage();
  await k.goto(`${srv.base}/grupper/${GROUP}/forslag`);
  assert.equal(await h1(k), 'Förslag på teman att granska');
  assert.match(await mainText(k), /Britt Åkesson Hur når vi äldre som inte använder internet\?/);
  await check(k, 'moderation');
  await submit(k, 'article.moderation button:text-is("Godkänn")');
  await k.goto(`${srv.base}/grupper/${GROUP}`);
  assert.match(await mainText(k), /Förslag på teman från invånare Hur når vi äldre som inte använder internet\?/);
  await k.close();
});

test('with JavaScript off: a coordinator saves minutes', async () => {
  const ctx = await session.newContext({ as: 'koordinator', js: false, viewport: PHONE });
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/moten/4/protokoll`);
    assert.equal(await h1(page), 'Skriv protokoll');
    const v = page.locator('fieldset.minutes-item', { hasText: 'Jullovsaktiviteter för yngre barn' });
    assert.equal(await v.count(), 0, 'May has an item nobody put there');
    await page.fill('#f-narvaro', 'Amanda Ricketts, Socialförvaltningen\nBritt Åkesson (digitalt)');
    const r = await submit(page, 'button:text-is("Spara protokollet")');
    assert.equal(r.status(), 200);
    assert.match(await mainText(page), /Protokollet är sparat\./);
    assert.equal(await page.inputValue('#f-narvaro'), 'Amanda Ricketts, Socialförvaltningen\nBritt Åkesson (digitalt)\n');
    await screenshot(page, 'group-nojs-minutes');
  } finally {
    await ctx.close();
  }
});

const PAGE_TYPES = ['group', 'meeting-published-demo', 'meeting-form', 'meeting-form-errors', 'agenda-editor-empty', 'agenda-editor',
  'meeting-agenda', 'minutes-editor', 'minutes-editor-actions', 'meeting-minutes', 'meeting-carried', 'minutes-conflict', 'print-agenda',
  'print-minutes', 'activities', 'activity', 'activity-form', 'activity-form-errors', 'suggest-form', 'moderation'];

test('every new page type is axe-clean (WCAG 2.1 A/AA) at 360 px', () => {
  assertClean(PAGE_TYPES);
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offsite, []);
});
