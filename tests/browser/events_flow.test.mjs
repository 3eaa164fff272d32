// Public events (issue 9), "done when", in Chromium on a phone (360 px)
// without JavaScript: a resident without an account registers for a full
// event and lands on the waiting list; someone cancels; the first in line
// lets the offer expire (the server's clock is the test's) and it passes to
// the resident, who gets the offer at the SMTP sink, accepts within the
// window and is confirmed.  Every page on the way is axe-clean (WCAG 2.1
// A/AA) at 360 px, and the calendar pages at 1280 px too.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Session, submit, screenshot, assertAxeCleanNoJs, axe, describeViolations, PHONE, DESKTOP } from './lib/browser.mjs';
import { Client } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL } from '../http/calls_helpers.mjs';
import { createEvent, dayFromNow, link, mailTo, press, register, startEventsServer } from '../http/events_helpers.mjs';

const test = (name, fn) => nodeTest(name, { timeout: 90000 }, fn);

let srv;
let session;
before(async () => {
  srv = await startEventsServer();
  session = new Session(await launch(), srv.base);
});
after(async () => {
  await session?.close();
  await srv?.stop();
});

const h1 = async (page) => (await page.locator('h1').first().textContent()).trim();
const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

test('waiting list → cancellation → an offer that expires passes on → the resident accepts, without JavaScript', async () => {
  const k = await signedIn(srv, EMAIL.koordinator);
  const ev = await createEvent(k, { titel: 'Forskningsfrukost på Mindpark', datum: dayFromNow(21), platser: '1',
    plats: 'Mindpark', adress: 'Bredgatan 11', stegfritt: '1', horslinga: '1' });
  const occ = ev.occ[0];
  const stamp = Date.now();
  const seated = `plats.${stamp}@exempel.se`;
  const first = `forst.${stamp}@exempel.se`;
  const resident = `invanare.${stamp}@exempel.se`;
  const other = new Client(srv.base);
  for (const who of [seated, first]) {
    const { r } = await register(srv.base, ev.id, occ, who);
    assert.equal(r.status, 303);
    assert.equal((await press(other, link(await mailTo(srv, who, 'Bekräfta'), 'bekrafta'))).status, 303);
  }

  const ctx = await session.newContext({ js: false, viewport: PHONE });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/evenemang`);
  assert.equal(await h1(page), 'Evenemang');
  await assertAxeCleanNoJs(session, page, 'calendar');
  await page.goto(`${srv.base}/evenemang/${ev.id}`);
  assert.equal(await h1(page), 'Forskningsfrukost på Mindpark');
  assert.match(await mainText(page), /Fullt – du kan ställa dig på väntelistan/);
  assert.match(await mainText(page), /Hörslinga/);
  await assertAxeCleanNoJs(session, page, 'event page');
  await submit(page, `a[href="/evenemang/${ev.id}/tillfalle/${occ}"]`);
  assert.equal(await h1(page), 'Anmälan');
  assert.match(await mainText(page), /Det är fullt/);
  await assertAxeCleanNoJs(session, page, 'registration form');
  // a mistake first: the message, what was typed kept
  await page.fill('#f-namn', 'Leila Invånare 19121212-1212');
  await page.fill('#f-epost', resident);
  let resp = await submit(page, 'main form button[type="submit"]');
  assert.equal(resp.status(), 400);
  assert.match(await page.locator('.error-summary').textContent(), /personnummer/);
  assert.equal(await page.inputValue('#f-epost'), resident);
  await page.fill('#f-namn', 'Leila Invånare');
  await screenshot(page, 'events-form-error');
  await page.fill('#f-epost', resident);
  await page.fill('#f-behov', 'Glutenfritt');
  resp = await submit(page, 'main form button[type="submit"]');
  assert.equal(resp.status(), 200);
  assert.equal(await h1(page), 'Tack för din anmälan');
  await assertAxeCleanNoJs(session, page, 'registered');

  // the confirmation e-mail: the link's page, then its button
  await page.goto(srv.base + link(await mailTo(srv, resident, 'Bekräfta din anmälan'), 'bekrafta'));
  assert.equal(await h1(page), 'Bekräfta anmälan');
  await assertAxeCleanNoJs(session, page, 'confirm page');
  await submit(page, 'main form button[type="submit"]');
  const t = await mainText(page);
  assert.match(t, /På väntelistan/);
  assert.match(t, /nummer 2 i kön/);
  await assertAxeCleanNoJs(session, page, 'waiting');
  await screenshot(page, 'events-waiting');

  // the seated person cancels: the first in line gets the offer...
  assert.equal((await press(other, link(await mailTo(srv, seated, 'Bekräfta'), 'avboka'))).status, 200);
  await mailTo(srv, first, 'En plats har blivit ledig');
  // ...and lets it expire: two days and an hour later it passes to the resident
  srv.setClock(Date.now() / 1000 + 49 * 3600);
  const offer = link(await mailTo(srv, resident, 'En plats har blivit ledig'), 'erbjudande');
  await page.goto(srv.base + offer);
  assert.equal(await h1(page), 'En plats till dig');
  assert.match(await mainText(page), /Tacka ja senast/);
  await assertAxeCleanNoJs(session, page, 'offer');
  await submit(page, 'main form button[type="submit"]');
  assert.match(await mainText(page), /Bekräftad plats/);
  await screenshot(page, 'events-accepted');
  srv.realClock();
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  assert.match(list.text, /<dt>Bekräftad plats<\/dt><dd>1<\/dd>/);
  assert.ok(list.text.includes(resident));
  assert.ok(!list.text.includes(first) || /Erbjudandet gick ut/.test(list.text));
  await ctx.close();
});

test('calendar pages, the organiser pages and the link pages are axe-clean at 360 and 1280 px', async () => {
  const k = await signedIn(srv, EMAIL.koordinator);
  const pages = ['/evenemang', '/evenemang?vecka=1', '/evenemang?vy=manad', '/evenemang/serie/skaneveckan', '/evenemang/1',
    '/evenemang/anmald', '/evenemang/bekrafta/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/evenemang/6/utskrift'];
  const coordPages = ['/evenemang/nytt', '/evenemang/1/redigera', '/evenemang/serie/ny', '/evenemang'];
  const ev = await createEvent(k, { titel: 'Närvarolista', datum: dayFromNow(5), platser: '3' });
  coordPages.push(`/evenemang/${ev.id}/tillfalle/${ev.occ[0]}/anmalningar`);
  for (const vp of [PHONE, DESKTOP]) {
    for (const [as, list] of [['anon', pages], ['koordinator', coordPages]]) {
      const ctx = await session.context({ as, viewport: vp });
      const p = await ctx.newPage();
      for (const u of list) {
        await p.goto(srv.base + u);
        const v = await axe(p);
        assert.equal(v.length, 0, `${u} at ${vp.width}px:\n${describeViolations(v)}`);
        const wide = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        assert.ok(!wide, `${u} scrolls sideways at ${vp.width}px`);
      }
      await p.close();
    }
  }
});
