// Open calls (issue 3), expense claims: a claim against a granted budget
// line with a receipt (multipart; a real PNG, JPEG and PDF), approved,
// rejected or marked paid by coordinators; the receipt only for the
// submitter and coordinators; the money overview adds up; and the refused
// claims of issue 3 (amounts, another idea's line, receipts that are not
// what they claim to be, too big, posted twice) change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client, hiddenFields } from '../lib/client.mjs';
import { assertErrorPage, signedIn } from '../lib/http.mjs';
import {
  EMAIL, HTML_FILE, JPEG, M, OPEN, PDF, PNG, TEXT_AS_PNG, TRUNCATED_PDF, assertRefused, assertSays, claimForm,
  claimIds, claimLines, csrfOf, decideClaim, escapeHtml, grantedIdea, ideaPage, ledger, lineIds, messagePage,
  newIdea, ore, personWithRole, postClaim, rand, sql, startCallsServer, toReview, unchanged, waitMail,
} from './calls_helpers.mjs';

let srv;
let k;
let youth;
let rep;
let idea;      // the young person's granted idea: lines Fika 1 500 of 2 000, Kommunikation 1 000, Digitalt 0
let title;
let lines;     // its line ids
let other;     // the association's granted idea
let otherLines;

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
  rep = await signedIn(srv, EMAIL.forening);
  title = `Filmkväll ${rand()}`;
  idea = await grantedIdea(youth, k, OPEN, {
    title,
    lines: [{ cat: 'Fika och material', text: 'Fika och popcorn', amount: '2 000' },
      { cat: 'Kommunikation', text: 'Affischer', amount: '1 000' },
      { cat: 'Digitala lösningar', text: 'Filmlicens', amount: '800' }],
  }, ['1 500', '1 000', '0']);
  lines = lineIds(srv, idea);
  other = await grantedIdea(rep, k, OPEN, { who: 'org', birth: '', lines: [{ cat: 'Fika och material', text: 'Fika', amount: '900' }] });
  otherLines = lineIds(srv, other);
});
after(async () => { await srv?.stop(); });

const file = (name, type, data) => ({ name, type, data });

test('the claim form offers only the granted lines, with what is left on each', async () => {
  const opts = await claimLines(youth, idea);
  assert.deepEqual(opts, [
    { id: lines[0], text: 'Kvar: 1\u00a0500\u00a0kr – Fika och material: Fika och popcorn' },
    { id: lines[1], text: 'Kvar: 1\u00a0000\u00a0kr – Kommunikation: Affischer' },
  ]);
  const form = await youth.get(`/ideer/${idea}/utlagg`);
  assert.match(form.text, /<form method="post" action="\/ideer\/\d+\/utlagg#fel" enctype="multipart\/form-data">/);
  assert.match(form.text, /<input type="file" id="f-kvitto" name="kvitto" required [^>]*accept="application\/pdf,image\/jpeg,image\/png">/);
  assert.match((await youth.get(`/ideer/${idea}`)).text, new RegExp(`<a class="button" href="/ideer/${idea}/utlagg">`));
});

test('claims with a real PNG, JPEG and PDF receipt; only the submitter and coordinators get the receipt', async () => {
  const made = [];
  for (const [f, desc, amount] of [[file('kvitto.png', 'image/png', PNG), 'Popcorn', '120'],
    [file('IMG_2031.JPG', 'image/jpeg', JPEG), 'Läsk', '80,50'],
    [file('faktura.pdf', 'application/pdf', PDF), 'Affischtryck', '400']]) {
    const r = await postClaim(youth, idea, { rad: f.type === 'application/pdf' ? lines[1] : lines[0], beskrivning: desc, belopp: amount, file: f });
    assert.equal(r.status, 303, `${f.name}: ${r.status} ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 400)}`);
    assert.equal(r.location, `/ideer/${idea}`);
    made.push({ id: claimIds(srv, idea).at(-1), ...f, desc });
  }
  const page = await youth.get(`/ideer/${idea}`);
  assert.match(page.text, /Utlägget är inskickat\. En koordinator granskar det\.|<h2[^>]*>Utlägg<\/h2>/);
  for (const m of made) {
    assert.ok(page.text.includes(`>${escapeHtml(m.desc)}</td>`), `claim ${m.desc} not on the idea page`);
    assert.ok(page.text.includes(`href="/utlagg/${m.id}/kvitto"`), `no receipt link for ${m.desc}`);
  }
  assert.match(page.text, /<td class="num"[^>]*>80,50\u00a0kr<\/td><td[^>]*><strong class="tag[^"]*">Inskickat/);
  assert.deepEqual(sql(srv, [`SELECT receipt_type, receipt_size FROM claims WHERE idea_id = ${idea} ORDER BY id`]).trim().split('\n'),
    [`image/png|${PNG.length}`, `image/jpeg|${JPEG.length}`, `application/pdf|${PDF.length}`]);
  const q = await k.get('/bedomning');
  for (const m of made) assert.ok(q.text.includes(`<a href="/utlagg/${m.id}/kvitto">`), `claim ${m.desc} not in the queue`);

  const stranger = await personWithRole(srv, null, `Sara Främling ${rand()}`);
  for (const m of made) {
    for (const [who, c] of [['submitter', youth], ['coordinator', k]]) {
      const res = await fetch(`${srv.base}/utlagg/${m.id}/kvitto`, { headers: { cookie: c.cookieHeader(), 'x-forwarded-for': c.ip } });
      assert.equal(res.status, 200, `${who} ${m.name}`);
      assert.equal(res.headers.get('content-type'), m.type, `${who} ${m.name}: content type`);
      assert.match(res.headers.get('content-disposition') || '', /^attachment; filename="kvitto-\d+\.(png|jpg|pdf)"$/);
      assert.match(res.headers.get('cache-control') || '', /no-store/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), m.data, `${who} ${m.name}: other bytes`);
    }
    for (const [who, c] of [['representative of another organisation', rep], ['communicator', await signedIn(srv, EMAIL.kommunikator)], ['a stranger', stranger]]) {
      const r = await c.get(`/utlagg/${m.id}/kvitto`);
      assertErrorPage(r, 403, `${who} gets ${m.name}`);
    }
    const anon = await new Client(srv.base).get(`/utlagg/${m.id}/kvitto`);
    assert.equal(anon.status, 303, 'anonymous receipt');
    assert.match(anon.location, /^\/logga-in/);
  }
  assertErrorPage(await k.get('/utlagg/999999/kvitto'), 404, 'unknown receipt');
  assertErrorPage(await k.get('/utlagg/abc/kvitto'), 404, 'receipt id not a number');
});

test('coordinators approve, reject and mark paid; the idea page and the money overview add up', async () => {
  const before = await ledger(k, OPEN);
  const mk = async (rad, beskrivning, belopp, f) => {
    const r = await postClaim(youth, idea, { rad, beskrivning, belopp, file: f });
    assert.equal(r.status, 303, `${beskrivning}: ${r.status}`);
    return claimIds(srv, idea).at(-1);
  };
  const a = await mk(lines[0], `Fika A ${rand()}`, '300', file('a.png', 'image/png', PNG));
  const b = await mk(lines[0], `Fika B ${rand()}`, '200', file('b.jpg', 'image/jpeg', JPEG));
  const c = await mk(lines[1], `Tryck C ${rand()}`, '500', file('c.pdf', 'application/pdf', PDF));
  let mid = await ledger(k, OPEN);
  assert.equal(mid.rows['Fika och material'].claimed - before.rows['Fika och material'].claimed, 50000);
  assert.equal(mid.rows.Kommunikation.claimed - before.rows.Kommunikation.claimed, 50000);
  assert.equal(mid.total.approved, before.total.approved);

  assert.equal((await decideClaim(k, a, 'godkand')).status, 303);
  assert.equal((await decideClaim(k, b, 'avslagen', 'Kvittot gäller inte projektet.')).status, 303);
  assert.equal((await decideClaim(k, c, 'godkand')).status, 303);
  assert.equal((await decideClaim(k, c, 'utbetald')).status, 303);

  const after = await ledger(k, OPEN);
  const d = (cat, key) => after.rows[cat][key] - before.rows[cat][key];
  assert.equal(d('Fika och material', 'claimed'), 30000, 'a rejected claim counts as claimed');
  assert.equal(d('Fika och material', 'approved'), 30000);
  assert.equal(d('Fika och material', 'paid'), 0);
  assert.equal(d('Kommunikation', 'claimed'), 50000);
  assert.equal(d('Kommunikation', 'approved'), 50000);
  assert.equal(d('Kommunikation', 'paid'), 50000);
  assert.equal(after.total.remaining, after.total.granted - after.total.approved);
  assert.equal(after.granted, before.granted, 'claims changed the grants');

  const p = await ideaPage(youth, idea);
  const row = (id) => p.html.match(new RegExp(`<tr><td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td class="num"[^>]*>[^<]*</td><td[^>]*><strong class="tag[^"]*">([^<]*)</strong>(?:<br><span class="muted">([^<]*)</span>)?</td><td[^>]*><a href="/utlagg/${id}/kvitto">`));
  assert.equal(row(a)[1], 'Godkänt');
  assert.equal(row(b)[1], 'Avslaget');
  assert.equal(row(b)[2], 'Kvittot gäller inte projektet.');
  assert.equal(row(c)[1], 'Utbetalt');
  const approvedNow = Number(sql(srv, [`SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = ${lines[0]} AND status IN ('godkand', 'utbetald')`]).trim());
  assert.equal(p.lines[0].approved, approvedNow);
  assert.ok(p.lines[0].approved <= p.lines[0].granted);
  // what is left on the line now excludes approved and waiting claims
  const left = (await claimLines(youth, idea))[0].text;
  const waiting = Number(sql(srv, [`SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = ${lines[0]} AND status = 'inskickad'`]).trim());
  assert.equal(ore(left.match(/^Kvar: (.*?) – /)[1]), 150000 - approvedNow - waiting, `left on the line: ${left}`);
  // the claimant hears about it
  await waitMail(srv, { to: EMAIL.ungdom, subject: `Ditt utlägg: ${title}`, body: 'Avslaget' });
  await waitMail(srv, { to: EMAIL.ungdom, subject: `Ditt utlägg: ${title}`, body: 'Utbetalt' });
  // the queue: paid and rejected claims are done
  const q = await k.get('/bedomning');
  assert.ok(!q.text.includes(`id="c${b}"`) && !q.text.includes(`id="c${c}"`), 'handled claims still in the queue');
  assert.ok(q.text.includes(`id="c${a}"`), 'an approved (unpaid) claim left the queue');
});

test('refused claims: amounts, lines, receipts — Swedish messages and nothing stored', async () => {
  const png = file('kvitto.png', 'image/png', PNG);
  const cases = [
    [{ belopp: '-50' }, M.moneyPositive, 'belopp'],
    [{ belopp: '0' }, M.moneyPositive, 'belopp'],
    [{ belopp: '10,005' }, M.moneyFraction, 'belopp'],
    [{ belopp: 'femtio' }, M.moneyInvalid, 'belopp'],
    [{ belopp: '' }, M.required, 'belopp'],
    [{ belopp: '150 000,01' }, M.claimOverLeft, 'belopp'],
    [{ belopp: '99 999 999 999 999' }, M.moneyTooLarge, 'belopp'],
    [{ belopp: '1 500,01' }, M.claimOverLeft, 'belopp'],
    [{ rad: undefined }, M.requiredChoice, 'rad'],
    [{ rad: () => otherLines[0] }, M.lineNotYours, 'rad'],
    [{ rad: () => lines[2] }, M.lineNotYours, 'rad'], // granted 0
    [{ rad: '999999' }, M.lineNotYours, 'rad'],
    [{ file: file('kvitto.png', 'image/png', TEXT_AS_PNG) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.pdf', 'application/pdf', TRUNCATED_PDF) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.html', 'text/html', HTML_FILE) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.png', 'image/png', HTML_FILE) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.jpg', 'image/jpeg', JPEG.subarray(0, JPEG.length - 40)) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.png', 'image/png', PNG.subarray(0, 20)) }, M.receiptType, 'kvitto'],
    [{ file: file('kvitto.png', 'image/png', Buffer.alloc(0)) }, M.receiptMissing, 'kvitto'],
    [{ file: null }, M.receiptMissing, 'kvitto'],
    [{ datum: '2026-13-01' }, 'Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-21.', 'datum'],
    [{ beskrivning: '' }, M.required, 'beskrivning'],
  ];
  for (const [opts, msg, field] of cases) {
    const o = { rad: lines[0], belopp: '100', file: png, ...opts };
    if (typeof o.rad === 'function') o.rad = o.rad();
    await unchanged(srv, `claim ${JSON.stringify({ ...opts, file: opts.file?.name ?? opts.file })}`, async () => {
      const r = await postClaim(youth, idea, o);
      assertRefused(r, msg, { field });
    });
  }
  // a claim against another idea's line, posted to the other idea's address by someone who is not its submitter
  await unchanged(srv, 'a claim on the association\'s idea by the young person', async () => {
    const page = await youth.get(`/ideer/${idea}/utlagg`);
    const hidden = hiddenFields(page.text, `/ideer/${idea}/utlagg`);
    const r = await youth.request('POST', `/ideer/${other}/utlagg`, { body: claimForm(hidden, { rad: otherLines[0], file: png }) });
    assertErrorPage(r, 403, 'claim on another idea');
  });
});

test('a receipt over 5 MB: a Swedish message (or 413) and nothing stored', async () => {
  const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1 - PNG.length, 0x20)]);
  await unchanged(srv, 'a 5 MB + 1 byte receipt', async () => {
    const r = await postClaim(youth, idea, { rad: lines[0], belopp: '10', file: file('stor.png', 'image/png', big) });
    if (r.status === 413) return;
    assertRefused(r, M.receiptSize, { field: 'kvitto' });
  });
  await unchanged(srv, 'a 7 MB receipt', async () => {
    // the headers say 7 MB and the client waits for a go-ahead: 413 before the body is sent
    // (without Expect the server reads and discards the body, so the client sees the page)
    const url = new URL(srv.base);
    const status = await new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: `/ideer/${idea}/utlagg`,
        headers: { cookie: youth.cookieHeader(), 'x-forwarded-for': youth.ip, 'content-type': 'multipart/form-data; boundary=xyz',
          'content-length': String(7 * 1024 * 1024), expect: '100-continue' } }, (res) => { res.resume(); resolve(res.statusCode); req.destroy(); });
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(status, 413, '7 MB');
  });
  await unchanged(srv, 'a 7 MB receipt sent like a browser sends it', async () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(7 * 1024 * 1024, 0x20)]);
    const r = await postClaim(youth, idea, { rad: lines[0], belopp: '10', file: file('jattestor.png', 'image/png', huge) });
    if (r.status === 400) assertRefused(r, M.receiptSize, { field: 'kvitto' });
    else assertErrorPage(r, 413, '7 MB upload');
  });
  // exactly 5 MB is accepted
  const five = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length, 0x20)]);
  const ok = await postClaim(youth, idea, { rad: lines[0], belopp: '1', beskrivning: 'Precis 5 MB', file: file('fem.png', 'image/png', five) });
  assert.equal(ok.status, 303, `exactly 5 MB: ${ok.status}`);
});

test('a claim posted twice with the same one-time key is stored once', async () => {
  const desc = `Dubbelt utlägg ${rand()}`;
  const first = await postClaim(youth, idea, { rad: lines[1], belopp: '10', beskrivning: desc });
  assert.equal(first.status, 303);
  const again = await postClaim(youth, idea, { rad: lines[1], belopp: '10', beskrivning: desc, once: first.once });
  assert.equal(again.status, 303);
  const count = () => Number(sql(srv, [`SELECT COUNT(*) FROM claims WHERE description = '${desc}'`]).trim());
  assert.equal(count(), 1, 'the same claim form stored twice');
  // three at once
  const d2 = `Tre samtidigt ${rand()}`;
  const page = await youth.get(`/ideer/${idea}/utlagg`);
  const hidden = hiddenFields(page.text, `/ideer/${idea}/utlagg`);
  const rs = await Promise.all([1, 2, 3].map(() => youth.request('POST', `/ideer/${idea}/utlagg`,
    { body: claimForm(hidden, { rad: lines[1], belopp: '10', beskrivning: d2 }) })));
  assert.deepEqual(rs.map((r) => r.status), [303, 303, 303]);
  assert.equal(Number(sql(srv, [`SELECT COUNT(*) FROM claims WHERE description = '${d2}'`]).trim()), 1, 'three posts at once stored more than one claim');
});

test('claim decisions: twice, out of order, by others — refused and nothing changes', async () => {
  const r = await postClaim(youth, idea, { rad: lines[1], belopp: '20', beskrivning: `Beslut två gånger ${rand()}` });
  assert.equal(r.status, 303);
  const id = claimIds(srv, idea).at(-1);
  const stale = await (async () => {
    const p = await k.get('/bedomning');
    return new URLSearchParams({ ...hiddenFields(p.text, `/utlagg/${id}/beslut`), beslut: 'avslagen' });
  })();
  await unchanged(srv, 'paid before approved', async () => {
    const x = await k.postRaw(`/utlagg/${id}/beslut`, { _csrf: await csrfOf(k), beslut: 'utbetald' });
    assert.equal(x.status, 400);
    assert.equal(messagePage(x).title, M.claimDecidedTitle);
  });
  assert.equal((await decideClaim(k, id, 'godkand')).status, 303);
  for (const [what, body] of [['approved again', { beslut: 'godkand' }], ['rejected after approval', { beslut: 'avslagen' }],
    ['back to submitted', { beslut: 'inskickad' }], ['unknown decision', { beslut: 'kanske' }]]) {
    await unchanged(srv, what, async () => {
      const x = await k.postRaw(`/utlagg/${id}/beslut`, { _csrf: await csrfOf(k), ...body });
      assert.equal(x.status, 400, `${what}: ${x.status}`);
      if (body.beslut === 'godkand' || body.beslut === 'avslagen') assert.equal(messagePage(x).title, M.claimDecidedTitle, what);
    });
  }
  await unchanged(srv, 'a stale reject button', async () => {
    const x = await k.postRaw(`/utlagg/${id}/beslut`, stale);
    assert.equal(x.status, 400);
    assert.equal(messagePage(x).title, M.claimDecidedTitle);
  });
  for (const who of [EMAIL.ungdom, EMAIL.forening, EMAIL.kommunikator, EMAIL.admin]) {
    const c = await signedIn(srv, who);
    await unchanged(srv, `${who} marks paid`, async () => {
      assertErrorPage(await c.postRaw(`/utlagg/${id}/beslut`, { _csrf: await csrfOf(c), beslut: 'utbetald' }), 403, who);
    });
  }
  assert.equal((await decideClaim(k, id, 'utbetald')).status, 303);
  await unchanged(srv, 'paid twice', async () => {
    const x = await k.postRaw(`/utlagg/${id}/beslut`, { _csrf: await csrfOf(k), beslut: 'utbetald' });
    assert.equal(x.status, 400);
  });
});

test('claims only on granted ideas, only by their submitters', async () => {
  const submitted = await newIdea(youth, OPEN, {});
  const x = await youth.get(`/ideer/${submitted}/utlagg`);
  assert.equal(x.status, 400);
  assertSays(x, 'Utlägg kan bara begäras för beviljade idéer som pågår eller är genomförda.', 'claim on a submitted idea');
  await toReview(k, submitted);
  assert.equal((await youth.get(`/ideer/${submitted}/utlagg`)).status, 400);
  assertErrorPage(await rep.get(`/ideer/${idea}/utlagg`), 403, 'representative on the young person\'s idea');
  assertErrorPage(await k.get(`/ideer/${idea}/utlagg`), 403, 'a coordinator claiming on someone\'s idea');
  const anon = await new Client(srv.base).get(`/ideer/${idea}/utlagg`);
  assert.equal(anon.status, 303);
  // the association's other representative can claim for the organisation's idea
  const okRep = await postClaim(rep, other, { rad: otherLines[0], belopp: '100', file: file('k.pdf', 'application/pdf', PDF) });
  assert.equal(okRep.status, 303);
  await ledger(new Client(srv.base), OPEN);
});

test('a claim is rejected only with a comment, which the claimant sees', async () => {
  const r = await postClaim(youth, idea, { rad: lines[1], belopp: '15', beskrivning: `Avslås ${rand()}` });
  assert.equal(r.status, 303);
  const id = claimIds(srv, idea).at(-1);
  const queue = await k.get('/bedomning');
  assert.match(queue.text, new RegExp(`<label for="f-kommentar-${id}">`), 'no comment field with the decision buttons');
  await unchanged(srv, 'a rejection without a reason', async () => {
    const x = await decideClaim(k, id, 'avslagen', '   ');
    // the queue again, the message beside that claim's comment field and in
    // the summary at the top (issue 8, flow fault 2: was a bare 400 page)
    assertRefused(x, 'Skriv en kommentar om varför utlägget avslås', { field: `kommentar-${id}` });
    assert.match(x.text, /<main[^>]*>\s*<div class="wrap">\s*<div class="error-summary"[^>]*id="fel"/, 'the summary is first in <main>');
    assert.match(x.text, new RegExp(`<a href="#f-kommentar-${id}">`), 'the summary links to the comment field');
    assert.match(x.text, new RegExp(`<textarea id="f-kommentar-${id}" name="kommentar" rows="2" aria-describedby="kh-${id} e-kommentar-${id}" aria-invalid="true">`));
    assert.match(x.text, /<title>Fel: /);
  });
  assert.equal((await decideClaim(k, id, 'avslagen', 'Kvittot är från förra året.')).status, 303);
  assert.match((await youth.get(`/ideer/${idea}`)).text, /Kvittot är från förra året\./);
});
