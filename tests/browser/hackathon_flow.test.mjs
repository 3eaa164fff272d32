// The inhabithon (issue 11), "done when", in Chromium at phone width
// (360 px) with JavaScript off: a young person registers, joins a team that
// has a coach, the team submits, two jury members score on their phones
// (five thumb-sized boxes per criterion, no JavaScript), the coordinator
// closes the judging and the ranking is published, a winner becomes a test
// idea, and the team gets the e-mail at the local SMTP sink.  Every new page
// is checked with axe (WCAG 2.1 A/AA) at 360 and 1280 px and photographed
// (screenshots/hackathon-*.png).
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Session, axe, assertAxeCleanNoJs, describeViolations, screenshot, submit, signIn, PHONE, DESKTOP } from './lib/browser.mjs';
import { assertNoSideScroll } from './lib/checks.mjs';
import {
  EMAIL, OPEN, addChallenge, newHack, personWithRole, phase, signedIn, sqlInt, startCallsServer, submissionId,
  waitMail,
} from '../http/hackathon_helpers.mjs';

const test = (name, fn) => nodeTest(name, { timeout: 90000 }, fn);
const PASSWORD = 'ett-langt-losenord-1';

let srv;
let session;
let k; // the coordinator over HTTP (setting up)
const S = {};
const seen = []; // every page type reached: [name, path]

before(async () => {
  srv = await startCallsServer();
  session = new Session(await launch(), srv.base);
  k = await signedIn(srv, EMAIL.koordinator);
});

after(async () => {
  await session?.close();
  await srv?.stop();
});

/** A phone without JavaScript, signed in as `email` (or anonymous). */
async function phone(email) {
  const ctx = await session.newContext({ js: false, viewport: PHONE, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  if (email) await signIn(page, srv.base, email, PASSWORD);
  return page;
}

async function h1(page) {
  return (await page.locator('h1').first().textContent()).trim();
}

function note(page, name) {
  const u = new URL(page.url());
  seen.push({ name, path: u.pathname + u.search, state: page.context() });
}

test('set-up: a hackathon with two challenges, registration open, a team with a coach, a jury of two', async () => {
  const project = sqlInt(srv, `SELECT id FROM projects WHERE slug = '${OPEN}'`);
  S.slug = await newHack(k, { name: `Inhabithon ${Date.now()}`, capacity: 20, teamMax: 4, project });
  S.seg = await addChallenge(k, S.slug, 'Segregation', 'Hur kan unga från olika stadsdelar mötas?\n\n- Fakta: ...');
  S.psy = await addChallenge(k, S.slug, 'Psykisk ohälsa');
  await phase(k, S.slug, 'anmalan');
  const r = await k.submit(`/inhabithon/${S.slug}/lag`, `/inhabithon/${S.slug}/lag`, { namn: 'Lag Broar', utmaning: S.seg });
  assert.equal(r.status, 303);
  S.team = r.location.match(/#lag-(\d+)$/)[1];
  S.coach = await personWithRole(srv, 'coach', `Coach Cecilia ${Date.now()}`);
  assert.equal((await S.coach.submit(`/inhabithon/${S.slug}/lag`, `/inhabithon/${S.slug}/lag/${S.team}/coach`)).status, 303);
  S.young = await personWithRole(srv, null, `Yara Ung ${Date.now()}`);
  S.j1 = await personWithRole(srv, 'jurymedlem', `Jury Jonna ${Date.now()}`);
  S.j2 = await personWithRole(srv, 'jurymedlem', `Jury Jamal ${Date.now()}`);
  for (const j of [S.j1, S.j2])
    assert.equal((await k.submit(`/inhabithon/${S.slug}/jury`, `/inhabithon/${S.slug}/jury`, { epost: j.email })).status, 303);
});

test('a young person registers on a phone without JavaScript (a wrong birth year first)', async () => {
  const page = await phone(S.young.email);
  await page.goto(`${srv.base}/inhabithon/${S.slug}`);
  note(page, 'hackathon');
  await screenshot(page, 'hackathon-page');
  await submit(page, `a[href="/inhabithon/${S.slug}/anmalan"]`);
  note(page, 'registration');
  await page.check('#f-typ-1'); // Ung (13–18 år)
  await page.fill('#f-fodelsear', String(new Date().getFullYear() - 20));
  await page.selectOption('#f-val-1', S.seg);
  await page.fill('#f-kompetens', 'Jag filmar och klipper.');
  await page.check('#f-alla_dagar');
  let resp = await submit(page, 'main form button[type="submit"]');
  assert.equal(resp.status(), 400);
  assert.match(await page.locator('.error-summary').innerText(), /13–18 år/);
  assert.equal(await page.inputValue('#f-kompetens'), 'Jag filmar och klipper.');
  await screenshot(page, 'hackathon-registration-error');
  await page.fill('#f-fodelsear', String(new Date().getFullYear() - 16));
  resp = await submit(page, 'main form button[type="submit"]');
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('main').innerText(), /Du är anmäld/);
  S.youngPage = page;
});

test('she joins the team that has a coach, and the team submits', async () => {
  const page = S.youngPage;
  await page.goto(`${srv.base}/inhabithon/${S.slug}/lag`);
  note(page, 'teams');
  const card = page.locator(`#lag-${S.team}`);
  assert.match(await card.innerText(), /Coach: Coach Cecilia/);
  await submit(page, `form[action="/inhabithon/${S.slug}/lag/${S.team}/ga-med"] button`);
  assert.match(await page.locator(`#lag-${S.team}`).innerText(), /Yara Ung/);
  await phase(k, S.slug, 'pagar');
  await page.goto(`${srv.base}/inhabithon/${S.slug}/lag`);
  await submit(page, `a[href="/inhabithon/${S.slug}/lag/${S.team}/bidrag"]`);
  note(page, 'submission');
  await page.fill('#f-problem', 'Unga från olika stadsdelar möts sällan på fritiden.');
  await page.fill('#f-malgrupp', 'Unga 13–18 år på Söder och i Drottninghög');
  await page.fill('#f-losning', 'Filmkvällar som unga själva arrangerar, varannan gång i varje stadsdel.');
  await page.fill('#f-prototyp', 'En affisch och ett program för första kvällen.');
  await page.fill('#f-testa_forst', 'En filmkväll på fritidsgården på Söder.');
  const resp = await submit(page, 'main form button[type="submit"]');
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('main').innerText(), /Bidraget är sparat/);
  await screenshot(page, 'hackathon-submission');
  // the draft with its file form, at 360 px
  await assertAxeCleanNoJs(session, page, 'the submission with the file form');
  S.sub = submissionId(srv, S.team);
  assert.ok(S.sub > 0);
  await phase(k, S.slug, 'bedomning');
});

test('two jury members score on their phones: radio boxes of at least 48 px, no sideways scroll', async () => {
  const marks = [[4, 3, 'Stark förankring hos unga.'], [3, 2, 'Bra, men hur når ni fler?']];
  for (const [i, j] of [S.j1, S.j2].entries()) {
    const page = await phone(j.email);
    await page.goto(`${srv.base}/inhabithon/${S.slug}/jury`);
    note(page, 'jury');
    await submit(page, `a[href="/inhabithon/${S.slug}/jury/${S.sub}"]`);
    note(page, 'scoring');
    await assertNoSideScroll(page, 'the scoring form');
    const boxes = page.locator('label.score');
    assert.equal(await boxes.count(), 10, 'five boxes for each of two criteria');
    for (let b = 0; b < 10; b++) {
      const box = await boxes.nth(b).boundingBox();
      assert.ok(box.width >= 48 && box.height >= 48, `box ${b}: ${box.width}×${box.height}`);
      assert.ok(box.x + box.width <= PHONE.width, `box ${b} off the screen`);
    }
    const fs = page.locator('fieldset.score-scale');
    // a thumb taps the box (the label), not the small circle
    await fs.nth(0).locator('label.score').nth(marks[i][0]).click();
    await fs.nth(1).locator('label.score').nth(marks[i][1]).click();
    await page.fill('#f-kommentar', marks[i][2]);
    if (i === 0) await screenshot(page, 'hackathon-scoring');
    const resp = await submit(page, 'main form button[type="submit"]');
    assert.equal(resp.status(), 200);
    assert.match(await page.locator('main').innerText(), /Din bedömning är sparad/);
    await page.context().close();
  }
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_scores WHERE submission_id = ${S.sub}`), 4);
});

test('before closing nobody sees the scores; the coordinator closes the judging and the ranking is published', async () => {
  const anon = await phone(null);
  let resp = await anon.goto(`${srv.base}/inhabithon/${S.slug}/resultat`);
  assert.equal(resp.status(), 403);
  assert.doesNotMatch(await anon.locator('main').innerText(), /Stark förankring/);
  const coord = await session.context({ as: 'koordinator', js: false, viewport: PHONE });
  const page = await coord.newPage();
  await page.goto(`${srv.base}/inhabithon/${S.slug}`);
  assert.match(await page.locator('#fas').locator('xpath=..').innerText(), /Resultat publicerade/);
  resp = await submit(page, `form[action="/inhabithon/${S.slug}/fas"] button`);
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('#vinnare').locator('xpath=..').innerText(), /Lag Broar/);
  resp = await anon.goto(`${srv.base}/inhabithon/${S.slug}/resultat`);
  assert.equal(resp.status(), 200);
  note(anon, 'results');
  const text = await anon.locator('main').innerText();
  assert.match(text, /Stark förankring hos unga\./);
  assert.match(text, /Bra, men hur når ni fler\?/);
  await screenshot(anon, 'hackathon-results');
  S.coordPage = page;
});

test('the winner becomes a test idea in one action and the team gets the e-mail', async () => {
  const page = S.coordPage;
  await page.goto(`${srv.base}/inhabithon/${S.slug}/resultat`);
  await submit(page, `form[action="/inhabithon/${S.slug}/bidrag/${S.sub}/testide"] button`);
  assert.match(new URL(page.url()).pathname, /^\/ideer\/\d+$/);
  assert.match(await h1(page), /Lag Broar – Segregation/);
  const [mail] = await waitMail(srv, { to: S.young.email, subject: 'Ert bidrag blir en testidé' });
  assert.match(mail.body, /\/ideer\/\d+/);
  await waitMail(srv, { to: S.coach.email, subject: 'Ert bidrag blir en testidé' });
});

test('every new page is axe-clean at 360 and 1280 px', async () => {
  const names = ['hackathon', 'registration', 'teams', 'submission', 'jury', 'results'];
  assert.deepEqual(names.filter((n) => !seen.some((s) => s.name === n)), [], 'pages never reached');
  // pages as they are now, for the people who saw them (scoring is closed now: checked as the jury member's 409 page)
  const who = { hackathon: null, registration: null, teams: S.young.email, submission: S.young.email, jury: S.j1.email,
    results: null, list: null, 'new-form': 'k', 'challenge-form': 'k', registrations: 'k', 'edit-form': 'k', 'teams-organiser': 'k', 'hackathon-participant': S.young.email };
  const paths = {
    hackathon: `/inhabithon/${S.slug}`, registration: `/inhabithon/${S.slug}/anmalan`, teams: `/inhabithon/${S.slug}/lag`,
    submission: `/inhabithon/${S.slug}/lag/${S.team}/bidrag`, jury: `/inhabithon/${S.slug}/jury`,
    results: `/inhabithon/${S.slug}/resultat`, list: '/inhabithon', 'new-form': '/inhabithon/ny',
    'challenge-form': `/inhabithon/${S.slug}/utmaning`, registrations: `/inhabithon/${S.slug}/anmalningar`,
    'edit-form': `/inhabithon/${S.slug}/redigera`, 'teams-organiser': `/inhabithon/${S.slug}/lag`,
    'hackathon-participant': `/inhabithon/${S.slug}`,
  };
  const failures = [];
  for (const vp of [PHONE, DESKTOP]) {
    const ctxs = {};
    for (const [name, path] of Object.entries(paths)) {
      const email = who[name];
      const key = email || 'anon';
      if (!ctxs[key]) {
        ctxs[key] = key === 'k'
          ? await session.newContext({ as: 'koordinator', viewport: vp })
          : await session.newContext({ viewport: vp, storageState: { cookies: [], origins: [] } });
        if (email && email !== 'k') {
          const p = await ctxs[key].newPage();
          await signIn(p, srv.base, email, PASSWORD);
          await p.close();
        }
      }
      const p = await ctxs[key].newPage();
      await p.goto(srv.base + path);
      if (vp === DESKTOP) await screenshot(p, `hackathon-${name}-1280`);
      const v = await axe(p);
      if (v.length) failures.push(`${name} at ${vp.width}px:\n${describeViolations(v)}`);
      await p.close();
    }
    for (const c of Object.values(ctxs)) await c.close();
  }
  assert.equal(failures.length, 0, failures.join('\n'));
});
