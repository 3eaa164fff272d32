// Open calls (issue 3), projects: the list, the public project page (Vad,
// Varför, Hur, goals, eligibility, call period, budget, categories, the
// numbered criteria, contacts — never the internal notes), creating and
// editing by coordinators only, and refused project input that changes
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { assertErrorPage, signedIn } from '../lib/http.mjs';
import {
  CATEGORIES, CLOSED, EMAIL, M, OPEN, assertRefused, categoryIds, editProject, escapeHtml, grantedIdea, ledger,
  newProject, rand, sql, startCallsServer, submitEntries, unchanged, ymd,
} from './calls_helpers.mjs';

let srv;
let k;
const NOTES = 'Demodata. Budget och målvärde är påhittade för demonstrationen.';

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
});
after(async () => { await srv?.stop(); });

test('the project list shows both demo projects with status and call period', async () => {
  const r = await new Client(srv.base).get('/projekt');
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<a href="/projekt/${OPEN}">Delaktighet och samskapande med ungdomar – ny omgång</a>`));
  assert.match(r.text, new RegExp(`<a href="/projekt/${CLOSED}">Delaktighet och samskapande med ungdomar</a>`));
  assert.match(r.text, /<strong class="tag[^"]*">Öppet för idéer<\/strong> · Ansökningstid \d+ \S+ \d{4} – \d+ \S+ \d{4}/);
  assert.match(r.text, /<strong class="tag[^"]*">Avslutat<\/strong> · Ansökningstid 21 juni 2021 – 31 december 2021/);
  assert.doesNotMatch(r.text, /href="\/projekt\/ny"/, 'the anonymous list offers "new project"');
  const kr = await k.get('/projekt');
  assert.match(kr.text, /<a class="button" href="\/projekt\/ny">Nytt projekt<\/a>/);
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator]) {
    const c = await signedIn(srv, who);
    assert.doesNotMatch((await c.get('/projekt')).text, /href="\/projekt\/ny"/, `${who} is offered "new project"`);
  }
});

test('the project page shows Vad/Varför/Hur, goals, eligibility, call period, budget, categories, five numbered criteria and contacts', async () => {
  const r = await new Client(srv.base).get(`/projekt/${CLOSED}`);
  assert.equal(r.status, 200);
  const t = r.text;
  assert.match(t, /<h1>Delaktighet och samskapande med ungdomar<\/h1>/);
  assert.match(t, /<strong class="tag[^"]*">Avslutat<\/strong>/);
  for (const h of ['Vad?', 'Varför?', 'Hur?', 'Mål', 'Vem kan söka?', 'Vad du kan söka pengar till', 'Kriterier', 'Pengar', 'Kontakt']) {
    assert.ok(t.includes(`<h2>${escapeHtml(h)}</h2>`), `no heading ${h}`);
  }
  assert.match(t, /<h2>Vad\?<\/h2>\n<p>Vi vill skapa rätt struktur/);
  assert.match(t, /<h2>Varför\?<\/h2>\n<p>Projektidén bygger på tjänstelogik/);
  assert.match(t, /<h2>Hur\?<\/h2>\n<p>Du som organisation eller enskild/);
  assert.match(t, /<dt>Kortsiktigt mål för 2021<\/dt><dd>Öka antalet ungdomar[^<]*<span class="muted">\(målvärde: 50\)<\/span><\/dd>/);
  assert.match(t, /<dt>Långsiktigt mål<\/dt><dd>Skapa en samverkansstruktur/);
  assert.match(t, /<li>Organisationer och föreningar<\/li>\n<li>Ungdomar 13–18 år som söker för sig själva<\/li>/);
  assert.match(t, /Ansökningstid<\/strong> 21 juni 2021 – 31 december 2021\./);
  assert.match(t, /Ansökningstiden är stängd just nu\./);
  assert.doesNotMatch(t, /href="\/projekt\/[^"]+\/ny-ide"/, 'a closed call offers the idea form');
  const cats = t.match(/<h2>Vad du kan söka pengar till<\/h2>\n<ul>\n([\s\S]*?)<\/ul>/)[1];
  assert.deepEqual([...cats.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]), CATEGORIES);
  const crit = t.match(/<h2>Kriterier<\/h2>\n<p>[^<]*<\/p>\n<ol>\n([\s\S]*?)<\/ol>/);
  assert.ok(crit, 'the criteria are not a numbered list');
  const items = [...crit[1].matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
  assert.equal(items.length, 5);
  assert.match(items[0], /^Testet ska baseras på ett behov som ungdomar i Helsingborg/);
  assert.match(items[4], /^Vi delar våra resultat med varandra/);
  assert.match(t, /<dt>Projektets budget<\/dt><dd>200\u00a0000\u00a0kr<\/dd>/);
  assert.match(t, /<dt>Beviljat<\/dt><dd>40\u00a0300\u00a0kr<\/dd>/);
  assert.match(t, /<dt>Ej fördelat<\/dt><dd>159\u00a0700\u00a0kr<\/dd>/);
  assert.match(t, new RegExp(`<a href="/projekt/${CLOSED}/ekonomi">Ekonomisk översikt</a>`));
  assert.match(t, new RegExp(`Antal idéer: 5\\. <a href="/projekt/${CLOSED}/ideer">`));
  assert.match(t, /<li><strong>David Bergström<\/strong>, kommunikatör för delaktighet och föreningssamverkan<br>Telefon 073-231 13 23<\/li>/);
  assert.match(t, /<li><strong>Amanda Ricketts<\/strong>, koordinator<br>Telefon 073-144 56 36<\/li>/);
  assert.doesNotMatch(t, /@example\.org|@helsingborg/, 'an e-mail address on the public project page');

  const open = await new Client(srv.base).get(`/projekt/${OPEN}`);
  assert.match(open.text, /<strong class="tag[^"]*">Öppet för idéer<\/strong>/);
  assert.match(open.text, new RegExp(`<a class="button" href="/projekt/${OPEN}/ny-ide">Lämna in en testidé</a>`));
  assert.match(open.text, /<dt>Projektets budget<\/dt><dd>150\u00a0000\u00a0kr<\/dd>/);
});

test('internal notes are shown to coordinators only', async () => {
  for (const slug of [CLOSED, OPEN]) {
    const kr = await k.get(`/projekt/${slug}`);
    assert.ok(kr.text.includes(NOTES), `the coordinator does not see the notes of ${slug}`);
    assert.match(kr.text, /<h2 id="intern">Interna anteckningar<\/h2>/);
    const viewers = [new Client(srv.base)];
    for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator, EMAIL.admin]) viewers.push(await signedIn(srv, who));
    for (const c of viewers) {
      for (const page of [`/projekt/${slug}`, `/projekt/${slug}/ideer`, `/projekt/${slug}/ekonomi`, '/projekt']) {
        const r = await c.get(page);
        assert.equal(r.status, 200, page);
        assert.ok(!r.text.includes('Demodata. Budget'), `internal notes shown on ${page}`);
        assert.ok(!r.text.includes('Interna anteckningar'), `the internal section shown on ${page}`);
      }
    }
  }
});

test('a coordinator creates a project; the public page shows it all and not its notes', async () => {
  const title = `Unga leder ${rand()}`;
  const slug = await newProject(k, {
    title, budget: '75 000,50', what: 'Vad vi gör: sommarjobb.', why: 'Varför: unga saknar jobb.',
    how: 'Hur: skicka in en idé.', shortGoal: 'Trettio unga får sommarjobb.', target: '30', year: '2027',
    longGoal: 'Fler unga i arbete.', notes: `HEMLIGT-${rand()} bara för oss`,
    categories: 'Arvode till ungdomar\nFika och material',
    criteria: 'Unga har format behovet.\nEn konkret åtgärd.\nResultaten delas.',
    contacts: 'Sara Persson; samordnare; 042-10 50 00\nOla Ek', opens: ymd(-1), closes: ymd(40),
    eligible: ['ungdomar'],
  });
  assert.match(slug, /^unga-leder-/);
  const r = await new Client(srv.base).get(`/projekt/${slug}`);
  assert.equal(r.status, 200);
  const t = r.text;
  assert.ok(t.includes(`<h1>${escapeHtml(title)}</h1>`));
  assert.match(t, /<h2>Vad\?<\/h2>\n<p>Vad vi gör: sommarjobb\.<\/p>/);
  assert.match(t, /<h2>Varför\?<\/h2>\n<p>Varför: unga saknar jobb\.<\/p>/);
  assert.match(t, /<h2>Hur\?<\/h2>\n<p>Hur: skicka in en idé\.<\/p>/);
  assert.match(t, /<dt>Kortsiktigt mål för 2027<\/dt><dd>Trettio unga får sommarjobb\. <span class="muted">\(målvärde: 30\)<\/span>/);
  assert.match(t, /<dt>Långsiktigt mål<\/dt><dd>Fler unga i arbete\.<\/dd>/);
  assert.match(t, /<h2>Vem kan söka\?<\/h2>\n<ul>\n<li>Ungdomar 13–18 år som söker för sig själva<\/li>\n<\/ul>/);
  assert.match(t, /<dt>Projektets budget<\/dt><dd>75\u00a0000,50\u00a0kr<\/dd>/);
  assert.match(t, /<ol>\n<li>Unga har format behovet\.<\/li>\n<li>En konkret åtgärd\.<\/li>\n<li>Resultaten delas\.<\/li>\n<\/ol>/);
  assert.match(t, /<li><strong>Sara Persson<\/strong>, samordnare<br>Telefon 042-10 50 00<\/li>/);
  assert.match(t, /<li><strong>Ola Ek<\/strong><\/li>/);
  assert.match(t, /<strong class="tag[^"]*">Öppet för idéer<\/strong>/);
  assert.doesNotMatch(t, /HEMLIGT-/);
  assert.ok((await k.get(`/projekt/${slug}`)).text.includes('HEMLIGT-'), 'the coordinator does not see the notes');
  assert.ok((await new Client(srv.base).get('/projekt')).text.includes(`href="/projekt/${slug}"`), 'not in the list');
  const l = await ledger(new Client(srv.base), slug);
  assert.equal(l.budget, 7500050);
  assert.deepEqual(Object.keys(l.rows), ['Arvode till ungdomar', 'Fika och material']);
});

test('a coordinator edits a project: texts, dates, budget and notes change; the slug stays', async () => {
  const slug = await newProject(k, { budget: '20 000' });
  const r = await editProject(k, slug, {
    titel: 'Nytt namn på projektet', vad: 'Ny vad-text.', budget: '25 000', anteckningar: 'Ny intern anteckning X9',
    stanger: ymd(90), status: 'pagar',
  });
  assert.equal(r.status, 303, `edit: ${r.status}`);
  assert.equal(r.location, `/projekt/${slug}`);
  const p = await new Client(srv.base).get(`/projekt/${slug}`);
  assert.match(p.text, /<h1>Nytt namn på projektet<\/h1>/);
  assert.match(p.text, /<h2>Vad\?<\/h2>\n<p>Ny vad-text\.<\/p>/);
  assert.match(p.text, /<dd>25\u00a0000\u00a0kr<\/dd>/);
  assert.match(p.text, /<strong class="tag[^"]*">Pågår<\/strong>/);
  assert.ok(!p.text.includes('Ny intern anteckning X9'));
  assert.ok((await k.get(`/projekt/${slug}`)).text.includes('Ny intern anteckning X9'));
});

test('only coordinators may create or edit projects: others get 403 and nothing is stored', async () => {
  const anon = new Client(srv.base);
  const r0 = await anon.get('/projekt/ny');
  assert.equal(r0.status, 303);
  assert.match(r0.location, /^\/logga-in/);
  const r1 = await anon.get(`/projekt/${OPEN}/redigera`);
  assert.equal(r1.status, 303);
  assert.match(r1.location, /^\/logga-in/);
  const form = await k.get('/projekt/ny');
  assert.equal(form.status, 200);
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator, EMAIL.admin]) {
    const c = await signedIn(srv, who);
    assertErrorPage(await c.get('/projekt/ny'), 403, `${who} GET /projekt/ny`);
    assertErrorPage(await c.get(`/projekt/${OPEN}/redigera`), 403, `${who} GET edit`);
    await unchanged(srv, `${who} posts a project`, async () => {
      const csrf = await c.csrf('/projekt');
      const fields = { _csrf: csrf || '', titel: 'Obehörigt projekt', oppnar: ymd(0), stanger: ymd(9), budget: '100',
        status: 'oppet', kategorier: 'A', kriterier: 'B', behorighet: 'ungdomar' };
      const p = await c.postRaw('/projekt/ny', fields);
      assert.equal(p.status, 403, `${who} POST /projekt/ny: ${p.status}`);
      const e = await c.postRaw(`/projekt/${OPEN}/redigera`, { ...fields, budget: '1' });
      assert.equal(e.status, 403, `${who} POST edit: ${e.status}`);
    });
  }
  await unchanged(srv, 'anonymous posts', async () => {
    assert.equal((await anon.postRaw('/projekt/ny', { titel: 'x' })).status, 403);
    assert.equal((await anon.postRaw(`/projekt/${OPEN}/redigera`, { titel: 'x' })).status, 403);
  });
});

test('refused project input: Swedish messages, nothing stored', async () => {
  const cases = [
    [{ budget: '-5 000' }, M.moneyNegative, 'budget'],
    [{ budget: '10,005' }, M.moneyFraction, 'budget'],
    [{ budget: 'tiotusen' }, M.moneyInvalid, 'budget'],
    [{ budget: '99 999 999 999 999' }, M.moneyTooLarge, 'budget'],
    [{ budget: '' }, M.required, 'budget'],
    [{ opens: ymd(10), closes: ymd(1) }, 'Slutdatumet kan inte vara före startdatumet.', 'stanger'],
    [{ opens: '2026-02-30' }, 'Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-21.', 'oppnar'],
    [{ eligible: [] }, 'Välj minst en grupp som får söka.', 'behorighet'],
    [{ eligible: ['ungdomar', 'alla'] }, M.choice, 'behorighet'], // not silently left out
    [{ opens: '1900-01-01' }, 'Skriv ett datum mellan år 2000 och 2099.', 'oppnar'],
    [{ contacts: 'Kim; koordinator; kim@example.org' }, 'Skriv inga e-postadresser här – de visas för alla. Skriv namn, titel och telefon.', 'kontakter'],
    [{ categories: 'Fika\nFika' }, 'Samma rad står två gånger.', 'kategorier'],
    [{ criteria: '' }, M.required, 'kriterier'],
    [{ status: 'stangt' }, M.choice, 'status'],
    [{ target: 'många' }, M.notNumber, 'malvarde'],
  ];
  for (const [opts, msg, field] of cases) {
    await unchanged(srv, `project ${JSON.stringify(opts)}`, async () => {
      const r = await newProject(k, { ...opts, raw: true });
      assertRefused(r, msg, { field });
    });
  }
});

test('a project form posted twice with the same one-time key makes one project', async () => {
  const title = `Dubbelpost ${rand()}`;
  const page = await k.get('/projekt/ny');
  const once = page.text.match(/name="_once" value="([^"]+)"/)[1];
  const entries = [['_once', once], ['titel', title], ['oppnar', ymd(0)], ['stanger', ymd(20)], ['budget', '1 000'],
    ['status', 'oppet'], ['kategorier', 'Fika'], ['kriterier', 'Ett kriterium'], ['behorighet', 'ungdomar']];
  const a = await submitEntries(k, '/projekt/ny', '/projekt/ny', entries);
  const b = await submitEntries(k, '/projekt/ny', '/projekt/ny', entries);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  const n = Number(sql(srv, [`SELECT COUNT(*) FROM projects WHERE title = '${title}'`]).trim());
  assert.equal(n, 1, 'the same form made two projects');
});

test('the budget cannot go below what is granted: a Swedish message and nothing changes', async () => {
  await unchanged(srv, 'budget below granted', async () => {
    const r = await editProject(k, CLOSED, { budget: '10 000' });
    assertRefused(r, M.budgetBelowGranted, { field: 'budget' });
  });
  const l = await ledger(k, CLOSED);
  assert.equal(l.budget, 20000000);
  // exactly what is granted is fine
  const r = await editProject(k, CLOSED, { budget: '40 300' });
  assert.equal(r.status, 303, `budget = granted: ${r.status}`);
  assert.equal((await ledger(k, CLOSED)).unallocated, 0);
  assert.equal((await editProject(k, CLOSED, { budget: '200 000' })).status, 303);
});

test('reordering the categories of a project is saved (not refused with a budget message)', async () => {
  const slug = await newProject(k, { categories: 'Fika och material\nKommunikation' });
  const r = await editProject(k, slug, { kategorier: 'Kommunikation\nFika och material' });
  assert.equal(r.status, 303, `reorder refused (${r.status}): ${(r.text.match(/<div class="error-summary"[\s\S]*?<\/div>/) || [''])[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')}`);
  const p = await new Client(srv.base).get(`/projekt/${slug}`);
  const cats = p.text.match(/<h2>Vad du kan söka pengar till<\/h2>\n<ul>\n([\s\S]*?)<\/ul>/)[1];
  assert.deepEqual([...cats.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]), ['Kommunikation', 'Fika och material']);
});

test('a category removed while granted lines use it: either refused with a message, or no longer offered — never silently kept', async () => {
  const youth = await signedIn(srv, EMAIL.ungdom);
  const slug = await newProject(k, { categories: 'Fika och material\nKommunikation' });
  await grantedIdea(youth, k, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '500' }] });
  const before = sql(srv, [`SELECT c.name FROM project_categories c JOIN projects p ON p.id = c.project_id WHERE p.slug = '${slug}' ORDER BY c.position`]);
  const r = await editProject(k, slug, { kategorier: 'Kommunikation\nMaterial' });
  if (r.status === 400) {
    assert.equal(sql(srv, [`SELECT c.name FROM project_categories c JOIN projects p ON p.id = c.project_id WHERE p.slug = '${slug}' ORDER BY c.position`]), before);
    assert.match(r.text, /Fika och material/, 'the refusal does not name the category in use');
    return;
  }
  assert.equal(r.status, 303, `edit: ${r.status}`);
  // the money stays visible in the overview
  const l = await ledger(new Client(srv.base), slug);
  assert.equal(l.rows['Fika och material']?.granted, 50000, 'the granted money of the removed category vanished from the overview');
  // but a category the coordinator removed is not offered to new ideas, nor listed as something to apply for
  const form = await youth.get(`/projekt/${slug}/ny-ide`);
  assert.deepEqual(Object.keys(categoryIds(form.text)).sort(), ['Kommunikation', 'Material'],
    'the removed category is still offered in the idea form');
  const page = await new Client(srv.base).get(`/projekt/${slug}`);
  const cats = page.text.match(/<h2>Vad du kan söka pengar till<\/h2>\n<ul>\n([\s\S]*?)<\/ul>/)[1];
  assert.deepEqual([...cats.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]), ['Kommunikation', 'Material'],
    'the removed category is still listed as something to apply for');
});

test('unknown projects are 404', async () => {
  const c = new Client(srv.base);
  for (const p of ['/projekt/finns-inte', '/projekt/finns-inte/ideer', '/projekt/finns-inte/ekonomi']) {
    assertErrorPage(await c.get(p), 404, p);
  }
  assertErrorPage(await k.get('/projekt/finns-inte/redigera'), 404, 'edit');
});
