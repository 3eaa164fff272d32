// Open calls (issue 3), assessment and decisions: coordinators assess each
// published criterion (met / not met, with a note), decide with a message
// and grant less than asked; the submitter sees the decision and its
// reasons on the idea page, gets it by e-mail (at the SMTP sink) and as an
// in-site notification.  Refused grants and a decision posted twice change
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { assertErrorPage, notificationList, notificationTargets, signedIn } from '../lib/http.mjs';
import {
  EMAIL, M, NAMES, OPEN, assess, assertRefused, assertSays, csrfOf, decide, decisionBody, escapeHtml,
  ideaPage, ledger, messagePage, newIdea, newProject, personWithRole, rand, sql, startCallsServer,
  submitEntries, toReview, unchanged, waitMail, grantedIdea, claimLines, postClaim, decideClaim,
} from './calls_helpers.mjs';

let srv;
let k;
let k2;
let youth;
let rep;
const TWO_LINES = [{ cat: 'Fika och material', text: 'Fika till tre träffar', amount: '2 000' },
  { cat: 'Kommunikation', text: 'Affischer', amount: '1 500' }];

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
  rep = await signedIn(srv, EMAIL.forening);
  k2 = await personWithRole(srv, 'koordinator', `Bo Bedömare ${rand()}`);
});
after(async () => { await srv?.stop(); });

function assessmentRows(html) {
  const t = html.match(/<h2>Bedömningar<\/h2>\n(?:<div[^>]*>\n)?<table[^>]*>([\s\S]*?)<\/table>/);
  if (!t) return [];
  return [...t[1].matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
    .map((m) => [Number(m[1]), m[2], m[3], m[4]]);
}

test('coordinators assess each criterion as met or not met with a note; each coordinator has one judgement per criterion', async () => {
  const id = await newIdea(youth, OPEN, { lines: TWO_LINES });
  const start = await k.get(`/ideer/${id}/bedomning`);
  assert.match(start.text, /Idén är inskickad\. Påbörja bedömningen/);
  assert.ok(!start.text.includes('Din bedömning'), 'the assessment form before the review started');
  // assessing before the review started is refused
  await unchanged(srv, 'assessment before review', async () => {
    const csrf = await csrfOf(k);
    const r = await k.postRaw(`/ideer/${id}/bedomning`, { _csrf: csrf, 'k-1': 'ja' });
    assert.equal(r.status, 400);
    assertSays(r, 'Idén är inte under bedömning just nu.', 'assess a submitted idea');
  });
  await toReview(k, id);
  const page = await k.get(`/ideer/${id}/bedomning`);
  assert.equal([...page.text.matchAll(/<p><strong>Kriterium (\d)\.<\/strong>/g)].length, 5, 'not five criteria on the form');
  assert.match(page.text, /Ingen har bedömt idén ännu\./);
  let r = await assess(k, id, [true, true, false, true, false], ['Tydligt behov', '', 'Saknar återkoppling', '', 'Oklart hur']);
  assert.equal(r.status, 303);
  r = await assess(k2, id, [true, true, true, true, true], ['Bra', 'Bra', 'Bra', 'Bra', 'Bra']);
  assert.equal(r.status, 303);
  let rows = assessmentRows((await k.get(`/ideer/${id}/bedomning`)).text);
  assert.equal(rows.length, 10);
  const mine = rows.filter((x) => x[1] === NAMES.koordinator);
  assert.deepEqual(mine, [[1, NAMES.koordinator, 'Uppfyllt', 'Tydligt behov'], [2, NAMES.koordinator, 'Uppfyllt', ''],
    [3, NAMES.koordinator, 'Inte uppfyllt', 'Saknar återkoppling'], [4, NAMES.koordinator, 'Uppfyllt', ''],
    [5, NAMES.koordinator, 'Inte uppfyllt', 'Oklart hur']]);
  assert.equal(rows.filter((x) => x[1] === k2.name && x[2] === 'Uppfyllt').length, 5);
  // assessing again replaces the judgement
  r = await assess(k, id, [true, true, true, true, true], ['Tydligt behov', '', 'Nu finns en plan', '', 'Delas i gruppen']);
  assert.equal(r.status, 303);
  rows = assessmentRows((await k.get(`/ideer/${id}/bedomning`)).text);
  assert.equal(rows.length, 10, 'a second assessment added rows');
  assert.deepEqual(rows.find((x) => x[0] === 3 && x[1] === NAMES.koordinator), [3, NAMES.koordinator, 'Uppfyllt', 'Nu finns en plan']);
  // refused: a criterion left out, a value that is neither yes nor no
  await unchanged(srv, 'a criterion left out', async () => {
    const x = await assess(k, id, [true, undefined, true, true, true]);
    assertRefused(x, M.requiredChoice);
  });
  await unchanged(srv, 'a criterion judged "nja"', async () => {
    const p = await k.get(`/ideer/${id}/bedomning`);
    const crit = [...new Set([...p.text.matchAll(/name="k-(\d+)"/g)].map((m) => m[1]))];
    const x = await submitEntries(k, `/ideer/${id}/bedomning`, `/ideer/${id}/bedomning`, crit.map((c) => [`k-${c}`, 'nja']));
    assertRefused(x, M.choice);
  });
  // only coordinators
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator]) {
    const c = await signedIn(srv, who);
    await unchanged(srv, `${who} assesses`, async () => {
      const x = await c.postRaw(`/ideer/${id}/bedomning`, { _csrf: await csrfOf(c), 'k-1': 'ja' });
      assertErrorPage(x, 403, `${who} assessment`);
    });
  }
});

test('a decision with a message and less money than asked: page, e-mail and notification for the submitter', async () => {
  const title = `Spelkvällar ${rand()}`;
  const id = await newIdea(youth, OPEN, { title, lines: TWO_LINES });
  await toReview(k, id);
  assert.equal((await assess(k, id, [true, true, true, false, true], ['', '', '', 'Ingen samverkan än', ''])).status, 303);
  const before = await ledger(k, OPEN);
  const message = 'Vi beviljar idén men med mindre pengar till fika.\n\nKriterium 4 är inte uppfyllt än – hitta gärna en förening att samverka med.';
  const r = await decide(k, id, { utfall: 'beviljad', meddelande: message, grants: ['1 200', '1 500'] });
  assert.equal(r.status, 303, `decision: ${r.status}`);
  assert.equal(r.location, `/ideer/${id}`);

  for (const [who, c] of [['submitter', youth], ['anonymous', new Client(srv.base)]]) {
    const p = await ideaPage(c, id);
    assert.equal(p.status, 'Beviljad', who);
    assert.ok(p.decision, `${who}: no decision section`);
    assert.match(p.decision, /<h2 id="beslut">Beslut<\/h2>/);
    assert.match(p.decision, /<p>Vi beviljar idén men med mindre pengar till fika\.<\/p>\n<p>Kriterium 4 är inte uppfyllt än – hitta gärna en förening att samverka med\.<\/p>/);
    assert.match(p.decision, /<strong>Beviljat: 2\u00a0700\u00a0kr<\/strong>/);
    assert.deepEqual(p.lines.map((l) => [l.asked, l.granted, l.approved]), [[200000, 120000, 0], [150000, 150000, 0]], who);
  }
  // the reasons: the submitter sees the assessment (read-only)
  const a = await youth.get(`/ideer/${id}/bedomning`);
  assert.equal(a.status, 200);
  assert.deepEqual(assessmentRows(a.text).find((x) => x[0] === 4), [4, NAMES.koordinator, 'Inte uppfyllt', 'Ingen samverkan än']);
  assert.ok(!a.text.includes('action="/ideer/'), 'the submitter gets assessment or decision forms');
  const anonA = await new Client(srv.base).get(`/ideer/${id}/bedomning`);
  assert.equal(anonA.status, 303, 'the assessment page is open to anonymous visitors');
  // the money
  const after = await ledger(k, OPEN);
  assert.equal(after.granted - before.granted, 270000);
  assert.equal(after.rows['Fika och material'].granted - before.rows['Fika och material'].granted, 120000);
  assert.equal(after.rows.Kommunikation.granted - before.rows.Kommunikation.granted, 150000);
  assert.equal(after.unallocated, before.unallocated - 270000);
  // the e-mail at the sink
  const [mail] = await waitMail(srv, { to: EMAIL.ungdom, subject: `Beslut om din testidé: ${title}` });
  assert.match(mail.body, /Hej Yasmin Ali,/);
  assert.ok(mail.body.includes(`Beslut om testidén "${title}": Beviljad.`), mail.body);
  assert.ok(mail.body.includes('Kriterium 4 är inte uppfyllt än'), mail.body);
  assert.match(mail.body, /Beviljat: 2\u00a0700\u00a0kr \(Sökt 3\u00a0500\u00a0kr\)\./);
  assert.match(mail.body, new RegExp(`http\\S*/ideer/${id}\\b`));
  assert.match(mail.raw, /Content-Type: text\/plain; charset=utf-8/i);
  // the in-site notification
  const n = await youth.get('/aviseringar');
  assert.equal(n.status, 200);
  const item = notificationList(n.text).find((x) => x.text.includes(`Beslut om testidén "${title}": Beviljad.`));
  assert.ok(item && item.unread, 'no unread notification of the decision');
  assert.match(n.text, new RegExp(`<li class="unread"><a href="/aviseringar/${item.id}">[\\s\\S]*?<strong>ny</strong>`));
  // following it leads to the idea and marks it read
  const open = await youth.get(`/aviseringar/${item.id}`);
  assert.equal(open.status, 303);
  assert.equal(open.location, `/ideer/${id}`);
  assert.equal(notificationList((await youth.get('/aviseringar')).text).find((x) => x.id === item.id).unread, false);
  assertErrorPage(await rep.get(`/aviseringar/${item.id}`), 404); // someone else's
  const read = await submitEntries(youth, '/aviseringar', '/aviseringar', []);
  assert.equal(read.status, 303);
  const n2 = await youth.get('/aviseringar');
  assert.ok(!n2.text.includes('class="unread"'), 'still unread after "mark all as read"');
  assert.equal((await new Client(srv.base).get('/aviseringar')).status, 303, 'notifications without signing in');
});

test('refused grants: Swedish messages and nothing stored', async () => {
  const id = await newIdea(youth, OPEN, { lines: TWO_LINES });
  await toReview(k, id);
  const cases = [
    [{ grants: ['-5', '1 500'] }, M.moneyNegative, 'bevilja-'],
    [{ grants: ['10,005', '1 500'] }, M.moneyFraction, 'bevilja-'],
    [{ grants: ['tusen', '1 500'] }, M.moneyInvalid, 'bevilja-'],
    [{ grants: ['', '1 500'] }, M.required, 'bevilja-'],
    [{ grants: ['2 000,01', '1 500'] }, M.grantOverAsked, 'bevilja-'],
    [{ grants: ['150 001', '1 500'] }, M.grantOverAsked, 'bevilja-'],
    [{ grants: ['999 999 999 999', '1 500'] }, M.moneyTooLarge, 'bevilja-'],
    [{ grants: ['0', '0,00'] }, M.grantZero, 'utfall'],
    [{ utfall: '' }, M.requiredChoice, 'utfall'],
    [{ utfall: 'pagar' }, M.choice, 'utfall'],
    [{ meddelande: '   ' }, M.required, 'meddelande'],
  ];
  for (const [opts, msg, field] of cases) {
    await unchanged(srv, `decision ${JSON.stringify(opts)}`, async () => {
      const r = await decide(k, id, { meddelande: 'Motivering.', ...opts });
      assertRefused(r, msg);
      if (field === 'bevilja-') assert.match(r.text, /<p class="error" id="e-bevilja-\d+">/);
      else assert.match(r.text, new RegExp(`id="e-${field}"`));
    });
  }
  assert.equal((await ideaPage(k, id)).status, 'Under bedömning');
});

test('a grant larger than what is left of the project budget is refused and nothing changes', async () => {
  const slug = await newProject(k, { budget: '5 000' });
  await grantedIdea(youth, k, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '4 000' }] });
  const id = await newIdea(youth, slug, { lines: [{ cat: 'Kommunikation', text: 'Film', amount: '3 000' }] });
  await toReview(k, id);
  const page = await k.get(`/ideer/${id}/bedomning`);
  assert.match(page.text, /Kvar att fördela i projektet: 1\u00a0000\u00a0kr\./);
  await unchanged(srv, 'grant over the remaining budget', async () => {
    const r = await decide(k, id, { grants: ['3 000'] });
    assertRefused(r, M.grantOverBudget, { field: 'utfall' });
    assertSays(r, 'Det beviljade beloppet ryms inte i projektets återstående budget: 1 000 kr kvar.');
  });
  // what fits is fine
  assert.equal((await decide(k, id, { grants: ['1 000'] })).status, 303);
  const l = await ledger(k, slug);
  assert.equal(l.granted, l.budget);
  assert.equal(l.unallocated, 0);
});

function bigger(body) {
  const b = new URLSearchParams(body);
  for (const [name] of [...b]) if (name.startsWith('bevilja-')) b.set(name, '1 500');
  return b;
}

test('a decision posted twice: the second gets the "already decided" message and nothing changes', async () => {
  const id = await newIdea(youth, OPEN, { lines: TWO_LINES });
  await toReview(k, id);
  const approve = await decisionBody(k, id, { utfall: 'beviljad', meddelande: 'Beviljad.', grants: ['1 000', '1 000'] });
  const decline = await decisionBody(k2, id, { utfall: 'avslagen', meddelande: 'Avslagen.' });
  const first = await k.postRaw(`/ideer/${id}/beslut`, approve);
  assert.equal(first.status, 303);
  for (const [c, body, what] of [[k, approve, 'the same approval again'], [k2, decline, 'a decline from a page loaded before'],
    [k, bigger(approve), 'a bigger grant from the same page']]) {
    await unchanged(srv, what, async () => {
      const r = await c.postRaw(`/ideer/${id}/beslut`, body);
      assert.equal(r.status, 400, `${what}: ${r.status}`);
      assert.equal(messagePage(r).title, M.decisionClosedTitle, what);
      assertSays(r, M.decisionClosed, what);
    });
  }
  const p = await ideaPage(youth, id);
  assert.equal(p.status, 'Beviljad');
  assert.deepEqual(p.lines.map((l) => l.granted), [100000, 100000]);
  // one decision, one e-mail
  const decided = Number(sql(srv, [`SELECT COUNT(*) FROM idea_events WHERE idea_id = ${id} AND from_status = 'under_bedomning'`]).trim());
  assert.equal(decided, 1);
});

test('declined and needs-changes decisions reach the submitter, also an association', async () => {
  const title = `Avslagen idé ${rand()}`;
  const id = await newIdea(rep, OPEN, { title, who: 'org', birth: '' });
  await toReview(k, id);
  const before = await ledger(k, OPEN);
  assert.equal((await decide(k, id, { utfall: 'avslagen', meddelande: 'Tyvärr: behovet kommer inte från unga.' })).status, 303);
  const p = await ideaPage(rep, id);
  assert.equal(p.status, 'Avslagen');
  assert.match(p.decision, /Tyvärr: behovet kommer inte från unga\./);
  assert.doesNotMatch(p.decision, /Beviljat:/);
  assert.deepEqual(p.lines.map((l) => l.granted), [null], 'a declined idea shows granted amounts');
  assert.equal((await ledger(k, OPEN)).granted, before.granted, 'a decline changed the grants');
  const [mail] = await waitMail(srv, { to: EMAIL.forening, subject: `Beslut om din testidé: ${title}` });
  assert.ok(mail.body.includes(`Beslut om testidén "${title}": Avslagen.`), mail.body);
  assert.ok(mail.body.includes('Tyvärr: behovet kommer inte från unga.'));
  assert.ok((await notificationTargets(rep)).some((x) => x.target === `/ideer/${id}`), 'no notification for the representative');

  const t2 = `Ändra idé ${rand()}`;
  const id2 = await newIdea(youth, OPEN, { title: t2 });
  await toReview(k, id2);
  assert.equal((await decide(k, id2, { utfall: 'behover_andras', meddelande: 'Skriv mer om återkopplingen.' })).status, 303);
  const [m2] = await waitMail(srv, { to: EMAIL.ungdom, subject: `Beslut om din testidé: ${t2}` });
  assert.ok(m2.body.includes('Behöver ändras'), m2.body);
  assert.ok(m2.body.includes('Skriv mer om återkopplingen.'));
});

test('decisions only by coordinators and only under review', async () => {
  const id = await newIdea(youth, OPEN, {});
  await unchanged(srv, 'a decision on a submitted idea', async () => {
    const csrf = await csrfOf(k);
    const r = await k.postRaw(`/ideer/${id}/beslut`, { _csrf: csrf, utfall: 'avslagen', meddelande: 'Nej.' });
    assert.equal(r.status, 400);
    assertSays(r, M.decisionClosed, 'decision before review');
  });
  await toReview(k, id);
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator, EMAIL.admin]) {
    const c = await signedIn(srv, who);
    await unchanged(srv, `${who} decides`, async () => {
      const r = await c.postRaw(`/ideer/${id}/beslut`, { _csrf: await csrfOf(c), utfall: 'beviljad', meddelande: 'Ja!' });
      assertErrorPage(r, 403, `${who} decision`);
    });
  }
  await unchanged(srv, 'anonymous decides', async () => {
    assert.equal((await new Client(srv.base).postRaw(`/ideer/${id}/beslut`, { utfall: 'beviljad', meddelande: 'Ja!' })).status, 403);
  });
});

test('the coordinators\' queue lists ideas waiting for assessment; others get 403', async () => {
  const title = `I kön ${rand()}`;
  const id = await newIdea(youth, OPEN, { title });
  const q = await k.get('/bedomning');
  assert.equal(q.status, 200);
  assert.ok(q.text.includes(`<a href="/ideer/${id}/bedomning">${escapeHtml(title)}</a>`), 'the new idea is not in the queue');
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator]) {
    assertErrorPage(await (await signedIn(srv, who)).get('/bedomning'), 403, who);
  }
  await toReview(k, id);
  assert.equal((await decide(k, id, { utfall: 'avslagen', meddelande: 'Nej.' })).status, 303);
  assert.ok(!(await k.get('/bedomning')).text.includes(`/ideer/${id}/bedomning`), 'a decided idea stays in the queue');
  await ledger(new Client(srv.base), OPEN);
});

test('the assessment and the decision are one form: what was ticked is saved with the decision; no decision before any assessment', async () => {
  const id = await newIdea(youth, OPEN, {});
  await toReview(k, id);
  // nothing judged, by anyone: refused, and what was typed comes back
  await unchanged(srv, 'a decision with no assessment', async () => {
    const r = await decide(k, id, { utfall: 'avslagen', meddelande: 'Avslås utan bedömning.', assessed: false });
    assertRefused(r, 'Bedöm idén mot kriterierna innan du fattar beslut.');
    assert.ok(r.text.includes('Avslås utan bedömning.'), 'the decision message was lost');
  });
  // the criteria ticked on the same page as the decision are kept (they were lost before)
  assert.equal((await decide(k, id, { utfall: 'avslagen', meddelande: 'Avslås efter bedömning.' })).status, 303);
  const rows = assessmentRows((await k.get(`/ideer/${id}/bedomning`)).text);
  assert.ok(rows.length >= 5 && rows.every((x) => x[1] === NAMES.koordinator && x[2] === 'Uppfyllt'), `assessment: ${JSON.stringify(rows)}`);
});

test('saving the assessment keeps a decision half written on the page', async () => {
  const id = await newIdea(youth, OPEN, {});
  await toReview(k, id);
  const page = `/ideer/${id}/bedomning`;
  const p = await k.get(page);
  const crit = [...new Set([...p.text.matchAll(/name="k-(\d+)"/g)].map((m) => m[1]))];
  const entries = [...crit.flatMap((c) => [[`k-${c}`, 'nej'], [`n-${c}`, 'Saknar plan']]), ['utfall', 'behover_andras'], ['meddelande', 'Halvskrivet beslut']];
  const r = await submitEntries(k, page, page, entries);
  assert.equal(r.status, 200);
  assert.match(r.text, /Bedömningen är sparad|sparad/);
  assert.ok(r.text.includes('Halvskrivet beslut'), 'the half-written decision was lost');
  assert.ok(assessmentRows(r.text).some((x) => x[2] === 'Inte uppfyllt' && x[3] === 'Saknar plan'));
});

/** The claim's card on the coordinators' queue as `c` sees it: no decision
 *  form for a claim `c` may not decide, a note saying why instead. */
async function assertQueueOffers(c, claim, offered, why) {
  const q = await c.get('/bedomning');
  assert.equal(q.status, 200);
  const card = (q.text.match(new RegExp(`<article class="card claim" aria-labelledby="c${claim}">[\\s\\S]*?</article>`)) || [])[0];
  assert.ok(card, `claim ${claim} is not on the queue`);
  const form = card.includes(`action="/utlagg/${claim}/beslut#fel"`); // forms open at their error summary (issue 8)
  if (offered) {
    assert.ok(form, `the queue offers no decision on claim ${claim} to a coordinator who may decide it`);
    return;
  }
  assert.ok(!form, `the queue offers a decision form on claim ${claim} to a coordinator who may not decide it`);
  assert.ok(card.includes(why), `the queue does not say why (${why}): ${card}`);
  assert.ok(card.includes('En annan koordinator måste'), 'the queue does not say that another coordinator must decide');
}

test('a coordinator neither assesses nor decides an idea of their own, nor decides their own expense claim', async () => {
  // a coordinator who also represents Framtidsverkstaden
  const admin = await signedIn(srv, EMAIL.admin);
  const both = await personWithRole(srv, 'koordinator', `Dubbel Roll ${rand()}`);
  const uid = (await admin.get('/admin?q=Dubbel')).text.match(/href="\/admin\/anvandare\/(\d+)"/)[1];
  const page = (await admin.get(`/admin/anvandare/${uid}`)).text;
  const fv = page.match(/<option value="(\d+)">Framtidsverkstaden<\/option>/)[1];
  assert.equal((await admin.submit(`/admin/anvandare/${uid}`, `/admin/anvandare/${uid}/organisationer`, { org: fv })).status, 303);
  const id = await newIdea(rep, OPEN, { who: 'org', birth: '' });
  await toReview(k, id);
  const own = await both.get(`/ideer/${id}/bedomning`);
  assert.doesNotMatch(own.text, /formaction="\/ideer\/\d+\/beslut[#"]/, 'the decision form is offered on one\'s own idea');
  await unchanged(srv, 'deciding one\'s own idea', async () => {
    const r = await both.postRaw(`/ideer/${id}/beslut`, { _csrf: await csrfOf(both), utfall: 'beviljad', meddelande: 'Ja till oss själva.' });
    assert.equal(r.status, 403);
    assert.match(r.text, /Du kan inte bedöma den här idén/);
  });
  await unchanged(srv, 'assessing one\'s own idea', async () => {
    const r = await both.postRaw(`/ideer/${id}/bedomning`, { _csrf: await csrfOf(both), 'k-1': 'ja' });
    assert.equal(r.status, 403);
  });
  // the organisation's granted idea: this coordinator claims an expense, and may not approve it
  const granted = await grantedIdea(rep, k, OPEN, { who: 'org', birth: '' });
  const line = (await claimLines(both, granted))[0].id;
  assert.equal((await postClaim(both, granted, { rad: line, belopp: '100' })).status, 303);
  const claim = sql(srv, [`SELECT id FROM claims WHERE idea_id = ${granted} ORDER BY id DESC LIMIT 1`]).trim();
  await assertQueueOffers(both, claim, false, 'eftersom du själv har begärt det');
  await assertQueueOffers(k, claim, true);
  await unchanged(srv, 'approving one\'s own claim', async () => {
    const r = await decideClaim(both, claim, 'godkand');
    assert.equal(r.status, 403);
    assert.match(r.text, /Du kan inte besluta om ditt eget utlägg/);
  });
  assert.equal((await decideClaim(k, claim, 'godkand')).status, 303, 'another coordinator approves it');
});

test('a coordinator who represents an organisation decides no claim on its ideas, not even a colleague\'s', async () => {
  // a coordinator who also represents Framtidsverkstaden, beside Rut Nilsson (the representative)
  const admin = await signedIn(srv, EMAIL.admin);
  const both = await personWithRole(srv, 'koordinator', `Kollega Roll ${rand()}`);
  const uid = (await admin.get('/admin?q=Kollega')).text.match(/href="\/admin\/anvandare\/(\d+)"/)[1];
  const page = (await admin.get(`/admin/anvandare/${uid}`)).text;
  const fv = page.match(/<option value="(\d+)">Framtidsverkstaden<\/option>/)[1];
  assert.equal((await admin.submit(`/admin/anvandare/${uid}`, `/admin/anvandare/${uid}/organisationer`, { org: fv })).status, 303);
  // the organisation's granted idea; the colleague (not this coordinator) claims an expense on it
  const granted = await grantedIdea(rep, k, OPEN, { who: 'org', birth: '' });
  const line = (await claimLines(rep, granted))[0].id;
  assert.equal((await postClaim(rep, granted, { rad: line, belopp: '120' })).status, 303);
  const claim = sql(srv, [`SELECT id FROM claims WHERE idea_id = ${granted} ORDER BY id DESC LIMIT 1`]).trim();
  await assertQueueOffers(both, claim, false, 'en organisation du representerar');
  await assertQueueOffers(k, claim, true);
  for (const beslut of ['godkand', 'avslagen']) {
    await unchanged(srv, `deciding (${beslut}) a colleague's claim on one's organisation's idea`, async () => {
      const r = await decideClaim(both, claim, beslut, 'Av en kollega.');
      assert.equal(r.status, 403);
      assert.equal(messagePage(r).title, 'Du kan inte besluta om det här utlägget');
      assertSays(r, 'Utlägget gäller en idé från dig eller från en organisation du representerar.');
    });
  }
  assert.equal((await decideClaim(k, claim, 'godkand')).status, 303, 'another coordinator approves it');
  await assertQueueOffers(both, claim, false, 'en organisation du representerar'); // nor a "paid" button
  await unchanged(srv, 'marking it paid', async () => {
    assert.equal((await decideClaim(both, claim, 'utbetald')).status, 403);
  });
  assert.equal((await decideClaim(k, claim, 'utbetald')).status, 303, 'another coordinator pays it');
});
