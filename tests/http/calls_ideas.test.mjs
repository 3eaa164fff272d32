// Open calls (issue 3), test ideas: a young person writes a draft and
// submits it (birth year only, 13–18), an association representative
// submits for Framtidsverkstaden, the lifecycle with only the allowed
// transitions by permitted roles and a history, the public idea page
// (no e-mail, no young person's name, no internal notes), the public list
// (paginated, filtered by status), and the refused input of issue 3:
// amounts, birth years, a closed call, forbidden transitions, a form
// posted twice — each with a Swedish message and nothing stored changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { assertErrorPage, assertNoActiveContent, notificationTargets, signedIn } from '../lib/http.mjs';
import {
  CLOSED, EMAIL, M, NAMES, OPEN, assertRefused, assertSays, categoryIds, decide, editProject, escapeHtml,
  ideaIdFrom, ideaPage, ledger, messagePage, moveIdea, newIdea, newProject, postIdea, rand, sql, sqlInt,
  startCallsServer, submitEntries, toReview, unchanged, waitMail, ymd, ideaEntries, hiddenFields,
} from './calls_helpers.mjs';

let srv;
let k;
let youth;
let rep;
const YEAR = new Date().getFullYear();

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
  rep = await signedIn(srv, EMAIL.forening);
});
after(async () => { await srv?.stop(); });

function ideaCount(where = '1 = 1') {
  return sqlInt(srv, `SELECT COUNT(*) FROM ideas WHERE ${where}`);
}

test('a young person saves a draft first, then submits it; only the birth year is stored', async () => {
  const title = `Kvällsfika i Drottninghög ${rand()}`;
  const draft = await postIdea(youth, OPEN, { title, atgard: 'spara', birth: YEAR - 15 });
  const id = ideaIdFrom(draft);
  let p = await ideaPage(youth, id);
  assert.equal(p.status, 'Utkast');
  assert.match(p.html, /Utkastet är sparat/);
  assert.match(p.html, new RegExp(`<a class="button" href="/ideer/${id}/redigera">Fortsätt skriva</a>`));
  // a draft is the writer's own: 404 for everyone else, not listed, not counted
  assertErrorPage(await new Client(srv.base).get(`/ideer/${id}`), 404, 'a draft, anonymous');
  assertErrorPage(await rep.get(`/ideer/${id}`), 404, 'a draft, someone else');
  const list = await new Client(srv.base).get(`/projekt/${OPEN}/ideer`);
  assert.ok(!list.text.includes(escapeHtml(title)), 'a draft in the public list');
  assert.ok((await youth.get('/mina-ideer')).text.includes(escapeHtml(title)), 'the draft is not under Mina idéer');
  assert.equal(sql(srv, [`SELECT status, birth_year, org_id FROM ideas WHERE id = ${id}`]).trim(), `utkast|${YEAR - 15}|`);

  // submit the draft from the edit form
  const form = await youth.get(`/ideer/${id}/redigera`);
  assert.equal(form.status, 200);
  assert.ok(form.text.includes(`value="${escapeHtml(title)}"`), 'the draft title is not in the edit form');
  const entries = ideaEntries(form.text, { title, birth: YEAR - 15, atgard: 'skicka' });
  const r = await submitEntries(youth, `/ideer/${id}/redigera`, `/ideer/${id}/redigera`, entries);
  assert.equal(r.status, 303, `submit draft: ${r.status}`);
  p = await ideaPage(youth, id);
  assert.equal(p.status, 'Inskickad');
  assert.match(p.html, /Tack! Din testidé är inskickad/);
  assert.ok(p.history.some((h) => /Yasmin Ali – Utkast → Inskickad/.test(h)), `history: ${p.history.join(' / ')}`);
  const pub = await ideaPage(new Client(srv.base), id);
  assert.equal(pub.status, 'Inskickad');
  assert.match(pub.html, /<p class="meta"><strong class="tag[^"]*">Inskickad<\/strong> · En ungdom \(15 år\)/);
  // stored: the birth year, nothing of a birth date
  const row = sql(srv, [`SELECT birth_year, org_id, status FROM ideas WHERE id = ${id}`]).trim();
  assert.equal(row, `${YEAR - 15}||inskickad`);
  // the young person gets a receipt by e-mail, the coordinators an in-site notification
  await waitMail(srv, { to: EMAIL.ungdom, subject: 'Vi har tagit emot din testidé', body: title });
  const notes = await k.get('/aviseringar');
  assert.ok(notes.text.includes(escapeHtml(`Ny testidé inskickad: ${title}`)), 'no notification for the coordinator');
  assert.ok((await notificationTargets(k)).some((x) => x.target === `/ideer/${id}`), 'the notification does not lead to the idea');
});

test('birth years 13 and 18 years back are accepted, 12 and 19 are refused', async () => {
  for (const age of [13, 18]) {
    const id = await newIdea(youth, OPEN, { birth: YEAR - age, title: `Ålder ${age} ${rand()}` });
    assert.match((await ideaPage(new Client(srv.base), id)).html, new RegExp(`En ungdom \\(${age} år\\)`));
  }
  const cases = [
    [YEAR - 12, M.youthAge], [YEAR - 19, M.youthAge], [YEAR - 40, M.youthAge], [YEAR + 1, M.youthAge],
    ['tjugo', M.notNumber], ['tvåtusentio', 'Texten är för lång.'], ['', M.required], ['1850', M.outOfRange], ['2010.5', M.notNumber],
  ];
  for (const [birth, msg] of cases) {
    for (const atgard of ['skicka', 'spara']) {
      await unchanged(srv, `birth year ${birth} (${atgard})`, async () => {
        const r = await postIdea(youth, OPEN, { birth, atgard });
        assertRefused(r, msg, { field: 'fodelsear' });
      });
    }
  }
});

test('the age shown for a young person is their age when they submitted, not this year\'s', async () => {
  // an idea submitted a year ago by someone who was 18 then (the clock is
  // moved by moving the stored times back one year)
  const id = await newIdea(youth, OPEN, { birth: YEAR - 18, title: `Förra året ${rand()}` });
  sql(srv, [`UPDATE ideas SET birth_year = ${YEAR - 19}, submitted_at = submitted_at - 31622400, created_at = created_at - 31622400, `
    + `updated_at = updated_at - 31622400 WHERE id = ${id}`, `UPDATE idea_events SET at = at - 31622400 WHERE idea_id = ${id}`]);
  const pub = await ideaPage(new Client(srv.base), id);
  assert.match(pub.html, /En ungdom \(18 år\)/, `shown: ${(pub.html.match(/En ungdom \(\d+ år\)/) || ['none'])[0]} (a "young person" of 19)`);
});

test('an association representative submits for Framtidsverkstaden', async () => {
  const title = `Läxhjälp med Framtidsverkstaden ${rand()}`;
  const form = await rep.get(`/projekt/${OPEN}/ny-ide`);
  assert.match(form.text, /<input type="radio" id="f-vem-0" name="vem" value="org-\d+" checked><label for="f-vem-0">För Framtidsverkstaden<\/label>/);
  const id = await newIdea(rep, OPEN, {
    title, who: 'org', birth: '', partners: [form.text.match(/value="(\d+)"><label for="f-partner-\d+">Rädda Barnen</)[1]],
    others: 'Drottninghögs fritidsgård',
    lines: [{ cat: 'Bidrag till föreningar', text: 'Lokalhyra', amount: '3 000' }, { cat: 'Fika och material', text: 'Fika', amount: '450,50' }],
  });
  const pub = await ideaPage(new Client(srv.base), id);
  assert.match(pub.html, /<p class="meta"><strong class="tag[^"]*">Inskickad<\/strong> · Framtidsverkstaden<\/p>/);
  assert.match(pub.html, /<li><a href="\/organisationer\/radda-barnen">Rädda Barnen<\/a><\/li>/);
  assert.match(pub.html, /<li>Drottninghögs fritidsgård<\/li>/);
  assert.deepEqual(pub.lines.map((l) => [l.category, l.description, l.asked]),
    [['Bidrag till föreningar', 'Lokalhyra', 300000], ['Fika och material', 'Fika', 45050]]);
  assert.ok(!pub.html.includes(NAMES.forening) && !pub.html.includes(EMAIL.forening), 'the representative shown publicly');
  const own = await ideaPage(rep, id);
  assert.match(own.html, new RegExp(`inskickad av ${NAMES.forening}`));
  assert.equal(sql(srv, [`SELECT o.slug, i.birth_year FROM ideas i JOIN organisations o ON o.id = i.org_id WHERE i.id = ${id}`]).trim(), 'framtidsverkstaden|');
  // a young person cannot submit for an organisation they do not represent
  const orgValue = form.text.match(/name="vem" value="(org-\d+)"/)[1];
  await unchanged(srv, 'youth for an organisation', async () => {
    const r = await postIdea(youth, OPEN, { who: orgValue, birth: '' });
    assertRefused(r, 'Du kan inte skicka in för det valet i det här projektet.', { field: 'vem' });
  });
});

test('the public idea page and list never show the e-mail, a young person\'s name or internal notes', async () => {
  const title = `Podd om psykisk hälsa ${rand()}`;
  const id = await newIdea(youth, OPEN, { title, birth: YEAR - 16 });
  const secret = `INTERNT-${rand()}`;
  const n = await submitEntries(k, `/ideer/${id}`, `/ideer/${id}/anteckningar`, [['anteckningar', secret]]);
  assert.equal(n.status, 303);
  assert.ok((await k.get(`/ideer/${id}`)).text.includes(secret), 'the coordinator does not see the note');
  const viewers = { anonymous: new Client(srv.base), representative: rep, communicator: await signedIn(srv, EMAIL.kommunikator), submitter: youth };
  for (const [who, c] of Object.entries(viewers)) {
    for (const page of [`/ideer/${id}`, `/projekt/${OPEN}/ideer`, `/projekt/${OPEN}/ekonomi`, `/projekt/${OPEN}`]) {
      const r = await c.get(page);
      assert.equal(r.status, 200, `${who} ${page}`);
      assert.ok(!r.text.includes(secret), `${who} sees the internal note on ${page}`);
      assert.ok(!r.text.includes(EMAIL.ungdom), `${who} sees the e-mail on ${page}`);
      if (who !== 'submitter') assert.ok(!r.text.includes(NAMES.ungdom), `${who} sees the young person's name on ${page}`);
    }
  }
  // a non-coordinator cannot write internal notes
  await unchanged(srv, 'notes by the submitter', async () => {
    const csrf = await youth.csrf(`/ideer/${id}`);
    assertErrorPage(await youth.postRaw(`/ideer/${id}/anteckningar`, { _csrf: csrf, anteckningar: 'hej' }), 403, 'notes');
  });
});

test('refused budget lines: negative, zero, fractional öre, not a number, absurd, over the budget', async () => {
  const line = (amount, extra = {}) => ({ lines: [{ cat: 'Fika och material', text: 'Fika', amount, ...extra }] });
  const cases = [
    [line('-100'), M.moneyPositive, 'rad-1-belopp'],
    [line('0'), M.moneyPositive, 'rad-1-belopp'],
    [line('0,00'), M.moneyPositive, 'rad-1-belopp'],
    [line('10,005'), M.moneyFraction, 'rad-1-belopp'],
    [line('tio kronor'), M.moneyInvalid, 'rad-1-belopp'],
    [line('1e5'), M.moneyInvalid, 'rad-1-belopp'],
    // more than the whole call names the call's budget (issue 8), not "orimligt stort"
    [line('150 000,01'), M.lineOverBudget, 'rad-1-belopp'],
    [line('200 000'), M.lineOverBudget, 'rad-1-belopp'],
    [line('99 999 999 999 999'), M.moneyTooLarge, 'rad-1-belopp'],
    [{ lines: [{ cat: 'Fika och material', text: 'Fika', amount: '100 000' }, { cat: 'Kommunikation', text: 'Affischer', amount: '50 001' }] }, M.budgetOverProject],
    [line('100', { cat: '' }), M.requiredChoice, 'rad-1-kategori'],
    [line('100', { text: '' }), M.required, 'rad-1-text'],
    [{ lines: [] }, M.budgetEmpty],
  ];
  for (const [opts, msg, field] of cases) {
    for (const atgard of ['skicka', 'spara']) {
      if (msg === M.budgetEmpty && atgard === 'spara') continue; // a draft may have no budget yet
      await unchanged(srv, `budget ${JSON.stringify(opts.lines)} (${atgard})`, async () => {
        const r = await postIdea(youth, OPEN, { ...opts, atgard });
        assertRefused(r, msg, { field });
        if (opts.lines[0]?.amount) assert.ok(r.text.includes(`value="${escapeHtml(opts.lines[0].amount)}"`), 'the typed amount did not come back');
      });
    }
  }
  // a category of another project
  const closedForm = await k.get(`/projekt/${CLOSED}/ny-ide`);
  assert.ok(!/f-rad-1-kategori/.test(closedForm.text), 'the closed project offers a form');
  const otherCat = sql(srv, [`SELECT c.id FROM project_categories c JOIN projects p ON p.id = c.project_id WHERE p.slug = '${CLOSED}' ORDER BY c.id LIMIT 1`]).trim();
  await unchanged(srv, 'a category of another project', async () => {
    const r = await postIdea(youth, OPEN, { lines: [{ catId: otherCat, text: 'Fika', amount: '100' }] });
    assertRefused(r, M.choice, { field: 'rad-1-kategori' });
  });
});

test('submitting after the call has closed: the closed demo project', async () => {
  const page = `/projekt/${CLOSED}/ny-ide`;
  const form = await youth.get(page);
  assertSays(form, M.projectCallClosed, 'GET the closed form');
  assert.ok(!form.text.includes('name="titel"'), 'the closed call shows the form');
  // a post built from the open project's form, sent to the closed one
  const open = await youth.get(`/projekt/${OPEN}/ny-ide`);
  const body = new URLSearchParams(hiddenFields(open.text, `/projekt/${OPEN}/ny-ide`));
  for (const [kk, v] of ideaEntries(open.text, { title: `För sent ${rand()}` })) body.append(kk, v);
  for (const atgard of ['skicka', 'spara']) {
    body.set('atgard', atgard);
    body.set('_once', `sent-${rand()}-${rand()}-${rand()}`);
    await unchanged(srv, `closed project (${atgard})`, async () => {
      const r = await youth.postRaw(page, body);
      assert.equal(r.status, 400, 'a post to a closed call: 400, not accepted');
      assertSays(r, M.projectCallClosed, 'POST to the closed call');
    });
  }
});

test('a refused post to a closed call answers with an error status, not 200', async () => {
  const open = await youth.get(`/projekt/${OPEN}/ny-ide`);
  const body = new URLSearchParams(hiddenFields(open.text, `/projekt/${OPEN}/ny-ide`));
  for (const [kk, v] of ideaEntries(open.text, {})) body.append(kk, v);
  const r = await youth.postRaw(`/projekt/${CLOSED}/ny-ide`, body);
  assert.equal(r.status, 400, `POST to a closed call answered ${r.status}`);
});

test('submitting after a coordinator moved the call period into the past', async () => {
  const slug = await newProject(k, { budget: '50 000', opens: ymd(-10), closes: ymd(10) });
  const draftId = ideaIdFrom(await postIdea(youth, slug, { atgard: 'spara' }));
  const early = await newIdea(youth, slug, {});
  const moved = await editProject(k, slug, { oppnar: ymd(-30), stanger: ymd(-1) });
  assert.equal(moved.status, 303);
  const pp = await new Client(srv.base).get(`/projekt/${slug}`);
  assertSays(pp, M.projectCallClosed, 'project page after the move');
  assert.ok(!pp.text.includes(`/projekt/${slug}/ny-ide"`), 'the closed call still links to the form');
  assertSays(await youth.get(`/projekt/${slug}/ny-ide`), M.projectCallClosed, 'GET form after the move');
  await unchanged(srv, 'a new idea after the call closed', async () => {
    const r = await postIdea(youth, slug, {}).catch((e) => e);
    if (r instanceof Error) return; // no form any more: nothing to post from
    assertRefused(r, M.callClosed);
  });
  // a new idea posted with a form taken from another project's page
  const open = await youth.get(`/projekt/${OPEN}/ny-ide`);
  const body = new URLSearchParams(hiddenFields(open.text, `/projekt/${OPEN}/ny-ide`));
  const cats = categoryIds(open.text);
  const slugCat = sql(srv, [`SELECT c.id FROM project_categories c JOIN projects p ON p.id = c.project_id WHERE p.slug = '${slug}' AND c.name = 'Fika och material'`]).trim();
  for (const [kk, v] of ideaEntries(open.text, {})) body.append(kk, v === cats['Fika och material'] ? slugCat : v);
  await unchanged(srv, 'a new idea after the call closed (posted directly)', async () => {
    const r = await youth.postRaw(`/projekt/${slug}/ny-ide`, body);
    assertRefused(r, M.callClosed);
  });
  // the draft written while it was open cannot be submitted now
  const form = await youth.get(`/ideer/${draftId}/redigera`);
  assert.equal(form.status, 200);
  await unchanged(srv, 'submitting a draft after the call closed', async () => {
    const r = await submitEntries(youth, `/ideer/${draftId}/redigera`, `/ideer/${draftId}/redigera`, ideaEntries(form.text, { atgard: 'skicka' }));
    assertRefused(r, M.callClosed);
  });
  assert.equal((await ideaPage(youth, draftId)).status, 'Utkast');
  assert.equal((await ideaPage(youth, early)).status, 'Inskickad', 'an idea submitted in time lost its status');
});

test('transitions that are not allowed are refused with a Swedish message and change nothing', async () => {
  const id = await newIdea(youth, OPEN, {});
  const deny = async (c, till, what) => unchanged(srv, what, async () => {
    const r = await moveIdea(c, id, till);
    assert.equal(r.status, 400, `${what}: ${r.status}`);
    assert.equal(messagePage(r).title, M.transitionDeniedTitle, what);
    assertSays(r, M.transitionDenied, what);
  });
  for (const till of ['pagar', 'under_bedomning', 'genomford', 'rapporterad', 'beviljad', 'avslagen', 'utkast', 'inskickad']) {
    await deny(youth, till, `submitter → ${till} on a submitted idea`);
  }
  for (const till of ['pagar', 'genomford', 'beviljad', 'avslagen', 'behover_andras', 'utkast']) {
    await deny(k, till, `coordinator → ${till} on a submitted idea`);
  }
  await unchanged(srv, 'unknown status', async () => {
    const r = await moveIdea(youth, id, 'godkand-av-mig');
    assert.equal(r.status, 400);
  });
  // others: 403
  await unchanged(srv, 'someone else moves the idea', async () => {
    const csrf = await rep.csrf(`/ideer/${id}`);
    assertErrorPage(await rep.postRaw(`/ideer/${id}/status`, { _csrf: csrf, till: 'under_bedomning' }), 403, 'representative');
    assertErrorPage(await new Client(srv.base).postRaw(`/ideer/${id}/status`, { till: 'under_bedomning' }), 403, 'anonymous');
  });
  // a young person posting a decision, an assessment
  await toReview(k, id);
  await unchanged(srv, 'a young person posts a decision', async () => {
    const csrf = await youth.csrf(`/ideer/${id}`);
    const r = await youth.postRaw(`/ideer/${id}/beslut`, { _csrf: csrf, utfall: 'beviljad', meddelande: 'Jag beviljar mig själv.' });
    assertErrorPage(r, 403, 'youth decision');
    assertErrorPage(await youth.postRaw(`/ideer/${id}/bedomning`, { _csrf: csrf }), 403, 'youth assessment');
    assertErrorPage(await youth.get(`/ideer/${id}/bedomning`), 403, 'youth sees the assessment page while under review');
  });
  await deny(youth, 'pagar', 'submitter → pagar under review');
  // the texts cannot be changed once submitted
  const e = await youth.get(`/ideer/${id}/redigera`);
  assert.equal(e.status, 400);
  assertSays(e, M.notEditable, 'edit a submitted idea');
});

test('the whole lifecycle by permitted roles, with a history of who did what and when', async () => {
  const title = `Hela vägen ${rand()}`;
  const id = await newIdea(rep, OPEN, { title, who: 'org', birth: '' });
  await toReview(k, id);
  const d = await decide(k, id, { meddelande: 'Beviljad, lycka till!' });
  assert.equal(d.status, 303);
  assert.equal((await ideaPage(rep, id)).status, 'Beviljad');
  assert.equal((await moveIdea(rep, id, 'pagar')).status, 303, 'the submitter starts');
  assert.equal((await moveIdea(k, id, 'genomford')).status, 303, 'the coordinator marks it done');
  // the report moves it to reported
  await unchanged(srv, 'an empty report', async () => {
    const r = await submitEntries(rep, `/ideer/${id}`, `/ideer/${id}/rapport`, [['rapport', '  ']]);
    assertRefused(r, M.required, { field: 'rapport' });
  });
  const rep1 = await submitEntries(rep, `/ideer/${id}`, `/ideer/${id}/rapport`, [['rapport', 'Tolv unga deltog och alla fick återkoppling.']]);
  assert.equal(rep1.status, 303);
  const p = await ideaPage(rep, id);
  assert.equal(p.status, 'Rapporterad');
  const pub = await ideaPage(new Client(srv.base), id);
  assert.match(pub.html, /<h2[^>]*>Rapport och resultat<\/h2>\n<p>Tolv unga deltog och alla fick återkoppling\.<\/p>/);
  const steps = p.history.map((h) => h.replace(/^.*?: /, ''));
  assert.deepEqual(steps, [
    `${NAMES.forening} – Inskickad`,
    `${NAMES.koordinator} – Inskickad → Under bedömning`,
    `${NAMES.koordinator} – Under bedömning → Beviljad`,
    `${NAMES.forening} – Beviljad → Pågår`,
    `${NAMES.koordinator} – Pågår → Genomförd`,
    `${NAMES.forening} – Genomförd → Rapporterad`,
  ]);
  assert.match(p.html, /<li><time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">\d+ \S+ \d{4} kl\. \d\d\.\d\d<\/time>/);
  assert.ok(!pub.html.includes('Historik'), 'the history (with names) is public');
  // nothing after reported
  for (const till of ['pagar', 'genomford', 'beviljad']) {
    await unchanged(srv, `reported → ${till}`, async () => {
      assert.equal((await moveIdea(k, id, till)).status, 400);
    });
  }
});

test('needs changes: the submitter edits and submits again; a declined idea stays declined', async () => {
  const id = await newIdea(youth, OPEN, { title: `Ändra mig ${rand()}` });
  await toReview(k, id);
  assert.equal((await decide(k, id, { utfall: 'behover_andras', meddelande: 'Beskriv ungas roll tydligare.' })).status, 303);
  let p = await ideaPage(youth, id);
  assert.equal(p.status, 'Behöver ändras');
  assert.match(p.decision, /Beskriv ungas roll tydligare\./);
  const form = await youth.get(`/ideer/${id}/redigera`);
  assert.equal(form.status, 200);
  const r = await submitEntries(youth, `/ideer/${id}/redigera`, `/ideer/${id}/redigera`,
    ideaEntries(form.text, { title: 'Ändrad idé', youthRole: 'Nu tydligare: vi ungdomar skrev allt.', atgard: 'skicka' }));
  assert.equal(r.status, 303);
  p = await ideaPage(youth, id);
  assert.equal(p.status, 'Inskickad');
  assert.equal(p.title, 'Ändrad idé');
  assert.ok(p.history.some((h) => h.endsWith('Behöver ändras → Inskickad')), p.history.join(' / '));

  const no = await newIdea(youth, OPEN, {});
  await toReview(k, no);
  assert.equal((await decide(k, no, { utfall: 'avslagen', meddelande: 'Tyvärr uppfyller idén inte kriterium 2.' })).status, 303);
  for (const [c, till] of [[youth, 'pagar'], [youth, 'inskickad'], [k, 'under_bedomning'], [k, 'beviljad']]) {
    await unchanged(srv, `declined → ${till}`, async () => assert.equal((await moveIdea(c, no, till)).status, 400));
  }
  assert.equal((await youth.get(`/ideer/${no}/redigera`)).status, 400);
});

test('an idea form posted twice with the same one-time key makes one idea', async () => {
  const title = `Dubbelklick ${rand()}`;
  const first = await postIdea(youth, OPEN, { title });
  ideaIdFrom(first);
  const again = await postIdea(youth, OPEN, { title, once: first.once });
  assert.equal(again.status, 303);
  assert.equal(again.location, '/mina-ideer');
  assert.equal(ideaCount(`title = '${title}'`), 1, 'the second post made another idea');
  // at the same moment
  const t2 = `Samtidigt ${rand()}`;
  const form = await youth.get(`/projekt/${OPEN}/ny-ide`);
  const body = new URLSearchParams(hiddenFields(form.text, `/projekt/${OPEN}/ny-ide`));
  for (const [kk, v] of ideaEntries(form.text, { title: t2 })) body.append(kk, v);
  const rs = await Promise.all([1, 2, 3].map(() => youth.postRaw(`/projekt/${OPEN}/ny-ide`, body)));
  assert.deepEqual(rs.map((x) => x.status), [303, 303, 303]);
  assert.equal(ideaCount(`title = '${t2}'`), 1, 'three posts at once made more than one idea');
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM idea_events e JOIN ideas i ON i.id = e.idea_id WHERE i.title = '${t2}'`), 1);
});

test('the public list is paginated (20 a page) and filtered by status', async () => {
  const slug = await newProject(k, { budget: '100 000' });
  const ids = [];
  for (let n = 0; n < 23; n++) ids.push(await newIdea(youth, slug, { title: `Lista ${String(n).padStart(2, '0')}` }));
  await postIdea(youth, slug, { title: 'Lista utkast', atgard: 'spara' });
  for (const id of ids.slice(0, 2)) await toReview(k, id);
  const anon = new Client(srv.base);
  const rows = (html) => [...html.matchAll(/<tr><td[^>]*><a href="\/ideer\/(\d+)">([^<]*)<\/a>/g)].map((m) => Number(m[1]));
  const p1 = await anon.get(`/projekt/${slug}/ideer`);
  assert.equal(p1.status, 200);
  assert.match(p1.text, /Antal idéer: 23</);
  assert.equal(rows(p1.text).length, 20);
  assert.ok(!p1.text.includes('Lista utkast'), 'a draft is listed');
  assert.match(p1.text, new RegExp(`href="/projekt/${slug}/ideer\\?sida=2"`));
  const p2 = await anon.get(`/projekt/${slug}/ideer?sida=2`);
  assert.equal(rows(p2.text).length, 3);
  assert.deepEqual(new Set([...rows(p1.text), ...rows(p2.text)]), new Set(ids), 'pages 1 and 2 do not hold every idea once');
  assertErrorPage(await anon.get(`/projekt/${slug}/ideer?sida=3`), 404, 'page 3');
  assertErrorPage(await anon.get(`/projekt/${slug}/ideer?sida=abc`), 400, 'a page number that is not a number');

  const sub = await anon.get(`/projekt/${slug}/ideer?status=inskickad`);
  assert.match(sub.text, /Antal idéer: 21</);
  assert.match(sub.text, /<option value="inskickad" selected>Inskickad<\/option>/);
  assert.equal(rows(sub.text).length, 20);
  assert.match(sub.text, new RegExp(`href="/projekt/${slug}/ideer\\?status=inskickad&amp;sida=2"`));
  const sub2 = await anon.get(`/projekt/${slug}/ideer?status=inskickad&sida=2`);
  assert.equal(rows(sub2.text).length, 1);
  const rev = await anon.get(`/projekt/${slug}/ideer?status=under_bedomning`);
  assert.match(rev.text, /Antal idéer: 2</);
  assert.deepEqual(new Set(rows(rev.text)), new Set(ids.slice(0, 2)));
  assert.ok(!/class="pager"/.test(rev.text), 'a pager for two ideas');
  const none = await anon.get(`/projekt/${slug}/ideer?status=beviljad`);
  assert.match(none.text, /Antal idéer: 0</);
  assert.match(none.text, /Inga idéer med den statusen\./);
  const drafts = await anon.get(`/projekt/${slug}/ideer?status=utkast`);
  assert.ok(!drafts.text.includes('Lista utkast'), '?status=utkast lists drafts');
  // the project page counts public ideas
  assert.match((await anon.get(`/projekt/${slug}`)).text, /Antal idéer: 23\./);
  // the demo project: five ideas, three statuses
  const demo = await anon.get(`/projekt/${CLOSED}/ideer`);
  assert.equal(rows(demo.text).length, 5);
  assert.equal(rows((await anon.get(`/projekt/${CLOSED}/ideer?status=rapporterad`)).text).length, 2);
  assert.equal(rows((await anon.get(`/projekt/${CLOSED}/ideer?status=pagar`)).text).length, 2);
  assert.equal(rows((await anon.get(`/projekt/${CLOSED}/ideer?status=genomford`)).text).length, 1);
  for (const name of ['Renovering av besöksrum på socialförvaltningen', 'Julfest i Hasslarp/Kattarp',
    'Förebyggande ungdomsprojekt på Söder', 'Panelsamtal om hbtqi och identitet', 'Jullovsaktiviteter för yngre barn']) {
    assert.ok(demo.text.includes(escapeHtml(name)), `demo idea ${name} missing`);
  }
});

test('hostile text in an idea is escaped everywhere it is shown; a personal identity number is refused', async () => {
  const title = `<script>alert(1)</script> "Fika" & <img src=x onerror=alert(2)> ${rand()}`;
  const id = await newIdea(youth, OPEN, {
    title, need: '<iframe src="javascript:alert(3)"></iframe>',
    lines: [{ cat: 'Fika och material', text: '<b onmouseover=alert(4)>fika</b>', amount: '100' }],
  });
  await toReview(k, id);
  for (const [c, page] of [[new Client(srv.base), `/ideer/${id}`], [new Client(srv.base), `/projekt/${OPEN}/ideer`],
    [youth, `/ideer/${id}`], [youth, '/mina-ideer'], [k, `/ideer/${id}`], [k, `/ideer/${id}/bedomning`], [k, '/bedomning'],
    [k, '/aviseringar'], [youth, '/aviseringar']]) {
    const r = await c.get(page);
    assert.equal(r.status, 200, page);
    assertNoActiveContent(r.text, page);
    if (page !== '/aviseringar' || c === k) assert.ok(r.text.includes(escapeHtml(title)) || page === '/aviseringar', `${page} does not show the escaped title`);
  }
  await unchanged(srv, 'a personal identity number in the need', async () => {
    const r = await postIdea(youth, OPEN, { need: 'Ring mig, jag heter Kim och mitt personnummer är 19121212-1212.' });
    assertRefused(r, 'Texten innehåller något som ser ut som ett personnummer. Ta bort det – samskap publicerar aldrig personnummer.', { field: 'behov' });
  });
});

test('a report before the idea is completed is refused and changes nothing', async () => {
  const id = await newIdea(youth, OPEN, {});
  await toReview(k, id);
  assert.equal((await decide(k, id, { meddelande: 'Ja.' })).status, 303);
  assert.equal((await moveIdea(youth, id, 'pagar')).status, 303);
  await unchanged(srv, 'a report on a running idea', async () => {
    const csrf = (await youth.get(`/ideer/${id}`)).text.match(/name="_csrf" value="([^"]+)"/)[1];
    const r = await youth.postRaw(`/ideer/${id}/rapport`, { _csrf: csrf, rapport: 'Klart!' });
    assert.equal(r.status, 400);
    assert.equal(messagePage(r).title, M.transitionDeniedTitle);
  });
  // the submitter hears about status changes made by a coordinator
  await waitMail(srv, { to: EMAIL.ungdom, subject: 'Din testidé har ändrat status' });
});

test('the money overview of the open project still adds up', async () => {
  await ledger(new Client(srv.base), OPEN);
  await ledger(new Client(srv.base), CLOSED);
});
