// Open calls (issue 3), the money invariants under concurrent requests
// (run on SQLite and on PostgreSQL with SAMSKAP_TEST_DB=pg): two
// coordinators approving at the same moment never grant more than the
// project budget, and approved claims never exceed a line's grant.  Each
// scenario repeats for ROUNDS rounds; the invariants are checked on the
// money overview, the idea pages and the stored rows.  A second server
// process on the same database takes half of the requests, as when the
// application runs on several servers: two processes really run at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { freePort, logProblems } from '../lib/server.mjs';
import { hiddenFields } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import {
  EMAIL, M, PNG, assertSays, claimDecisionBody, claimForm, claimIds, decisionBody, grantedIdea, ideaPage, ledger,
  lineIds, messagePage, newIdea, newProject, personWithRole, rand, sleep, sql, startCallsServer, toReview,
} from './calls_helpers.mjs';

const ROUNDS = Number(process.env.CALLS_ROUNDS || 10);
const CLAIMS_AT_ONCE = 4;
// a receipt of 2 MB (a PNG with padding): storing it takes long enough that
// claims sent at the same moment all read the line before any of them is
// committed — the window in which a check-then-insert lets both in
const BIG_RECEIPT = { name: 'kvitto.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 0)]) };
let srv;
let k;
let k2;
let youth;
let rep;
let srv2;

/** Another `samskap serve` on the same database; stop() fails on logged
 *  errors or sanitizer reports, as the first server's does. */
async function secondServer(first) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(first.bin, ['serve'], { env: { ...first.env, SAMSKAP_LISTEN: `127.0.0.1:${port}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second server exited:\n${logs.join('')}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`second server did not start:\n${logs.join('')}`);
    await sleep(50);
  }
  return {
    base,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      const problems = logProblems(logs.join(''));
      if (problems.length) throw new Error(`second server logged problems:\n${problems.join('\n')}`);
      if (child.exitCode !== 0) throw new Error(`second server exited with ${child.exitCode}:\n${logs.join('').slice(-3000)}`);
    },
  };
}

before(async () => {
  srv = await startCallsServer({ threads: 8 });
  srv2 = await secondServer(srv);
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
  rep = await signedIn(srv, EMAIL.forening);
  k2 = await personWithRole(srv, 'koordinator', `Vera Tvåa ${rand()}`);
});
after(async () => {
  try { await srv2?.stop(); } finally { await srv?.stop(); }
});

/**
 * Posts several requests so that they arrive at the same moment: every
 * request is written but its last byte, then all last bytes go at once
 * (the server starts a handler only when a body is complete).  `reqs`:
 * [{client, path, body: URLSearchParams | FormData, base}]; base is the
 * first server unless given.  Returns [{status, text}].
 */
async function postTogether(reqs) {
  const urls = reqs.map((q) => new URL(q.base || srv.base));
  const raw = await Promise.all(reqs.map(async ({ client, path, body }, i) => {
    const url = urls[i];
    const r = new Response(body);
    const bytes = Buffer.from(await r.arrayBuffer());
    const head = `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${client.cookieHeader()}\r\n`
      + `X-Forwarded-For: ${client.ip}\r\nContent-Type: ${r.headers.get('content-type')}\r\n`
      + `Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
    return Buffer.concat([Buffer.from(head), bytes]);
  }));
  // one connection at a time, so that the server's worker threads take
  // them in turn instead of one thread accepting them all
  const socks = [];
  for (let i = 0; i < raw.length; i++) {
    socks.push(await new Promise((resolve, reject) => {
      const s = net.connect(Number(urls[i].port), urls[i].hostname, () => resolve(s));
      s.on('error', reject);
    }));
    await sleep(25);
  }
  const answers = socks.map((s) => new Promise((resolve) => {
    const chunks = [];
    s.on('data', (c) => chunks.push(c));
    s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  }));
  socks.forEach((s, i) => s.write(raw[i].subarray(0, raw[i].length - 1)));
  await sleep(150);
  socks.forEach((s, i) => s.write(raw[i].subarray(raw[i].length - 1)));
  return (await Promise.all(answers)).map((t) => ({
    status: Number((t.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1]),
    text: t.slice(t.indexOf('\r\n\r\n') + 4),
  }));
}

function text(res) {
  return `${res.status} ${(res.text.match(/<main[\s\S]*?<\/main>/) || [''])[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`;
}

/** The stored invariants: every project's granted total is the sum of its
 *  granted lines and within its budget; every line's approved total is the
 *  sum of its approved and paid claims and within its grant. */
function assertStoredInvariants(what) {
  const projects = sql(srv, ['SELECT p.id, p.budget, p.granted_total, '
    + '(SELECT COALESCE(SUM(b.granted), 0) FROM budget_lines b JOIN ideas i ON i.id = b.idea_id WHERE i.project_id = p.id) '
    + 'FROM projects p ORDER BY p.id']).trim().split('\n');
  for (const row of projects) {
    const [id, budget, granted, lines] = row.split('|').map(Number);
    assert.ok(granted <= budget, `${what}: project ${id} granted ${granted} > budget ${budget}`);
    assert.equal(granted, lines, `${what}: project ${id} granted total ${granted} ≠ sum of granted lines ${lines}`);
  }
  const lines = sql(srv, ['SELECT b.id, b.granted, b.approved_total, '
    + "(SELECT COALESCE(SUM(c.amount), 0) FROM claims c WHERE c.line_id = b.id AND c.status IN ('godkand', 'utbetald')) "
    + 'FROM budget_lines b ORDER BY b.id']).trim().split('\n');
  for (const row of lines) {
    const [id, granted, approved, claims] = row.split('|').map(Number);
    assert.ok(approved <= granted, `${what}: line ${id} approved ${approved} > granted ${granted}`);
    assert.equal(approved, claims, `${what}: line ${id} approved total ${approved} ≠ sum of approved claims ${claims}`);
  }
}

test(`two coordinators approve two ideas at once when the budget fits one (${ROUNDS} rounds)`, async () => {
  const outcomes = [];
  for (let round = 0; round < ROUNDS; round++) {
    const slug = await newProject(k, { budget: '10 000', title: `Samtidigt ${round} ${rand()}` });
    const a = await newIdea(youth, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '6 000' }] });
    const b = await newIdea(rep, slug, { who: 'org', birth: '', lines: [{ cat: 'Kommunikation', text: 'Film', amount: '6 000' }] });
    await toReview(k, a);
    await toReview(k, b);
    const bodyA = await decisionBody(k, a, { meddelande: 'Beviljad av K1.' });
    const bodyB = await decisionBody(k2, b, { meddelande: 'Beviljad av K2.' });
    // even rounds: two fetches at once; odd rounds: the last bytes together
    const [ra, rb] = round % 2 === 0
      ? await Promise.all([k.postRaw(`/ideer/${a}/beslut`, bodyA), k2.postRaw(`/ideer/${b}/beslut`, bodyB)])
      : await postTogether([{ client: k, path: `/ideer/${a}/beslut`, body: bodyA },
        { client: k2, path: `/ideer/${b}/beslut`, body: bodyB, base: srv2.base }]);
    const won = [ra, rb].filter((r) => r.status === 303).length;
    outcomes.push(`${ra.status}/${rb.status}`);
    assert.ok(won <= 1, `round ${round}: both ideas approved (${text(ra)} | ${text(rb)})`);
    assert.equal(won, 1, `round ${round}: neither idea approved although one fits (${text(ra)} | ${text(rb)})`);
    const loser = ra.status === 303 ? rb : ra;
    assert.equal(loser.status, 400, `round ${round}: the second approval answered ${text(loser)}`);
    assertSays(loser, M.grantOverBudget, `round ${round}: the refused approval`);
    const l = await ledger(k, slug);
    assert.equal(l.granted, 600000, `round ${round}: granted ${l.granted}`);
    assert.ok(l.granted <= l.budget);
    const statuses = [(await ideaPage(k, a)).status, (await ideaPage(k, b)).status].sort();
    assert.deepEqual(statuses, ['Beviljad', 'Under bedömning'], `round ${round}`);
  }
  assertStoredInvariants('after the approvals');
  console.log(`# approvals at once: ${outcomes.join(' ')}`);
});

test(`two coordinators approve the same idea at once: one decision, the grant counted once (${ROUNDS} rounds)`, async () => {
  const slug = await newProject(k, { budget: '100 000', title: `Samma idé ${rand()}` });
  for (let round = 0; round < ROUNDS; round++) {
    const id = await newIdea(youth, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '3 000' }] });
    await toReview(k, id);
    const before = await ledger(k, slug);
    const b1 = await decisionBody(k, id, { meddelande: 'K1 beviljar.', grants: ['3 000'] });
    const b2 = await decisionBody(k2, id, { meddelande: 'K2 beviljar mindre.', grants: ['1 000'] });
    const [r1, r2] = round % 2 === 0
      ? await Promise.all([k.postRaw(`/ideer/${id}/beslut`, b1), k2.postRaw(`/ideer/${id}/beslut`, b2)])
      : await postTogether([{ client: k, path: `/ideer/${id}/beslut`, body: b1 },
        { client: k2, path: `/ideer/${id}/beslut`, body: b2, base: srv2.base }]);
    const won = [r1, r2].filter((r) => r.status === 303);
    assert.equal(won.length, 1, `round ${round}: ${text(r1)} | ${text(r2)}`);
    const loser = r1.status === 303 ? r2 : r1;
    assert.equal(loser.status, 400, `round ${round}: ${text(loser)}`);
    assert.equal(messagePage(loser).title, M.decisionClosedTitle, `round ${round}`);
    const p = await ideaPage(k, id);
    const expect = r1.status === 303 ? 300000 : 100000;
    assert.equal(p.lines[0].granted, expect, `round ${round}: the line's grant`);
    assert.match(p.decision, r1.status === 303 ? /K1 beviljar\./ : /K2 beviljar mindre\./);
    const after = await ledger(k, slug);
    assert.equal(after.granted - before.granted, expect, `round ${round}: the grant was counted ${(after.granted - before.granted) / expect} times`);
    const decisions = Number(sql(srv, [`SELECT COUNT(*) FROM idea_events WHERE idea_id = ${id} AND to_status = 'beviljad'`]).trim());
    assert.equal(decisions, 1, `round ${round}: ${decisions} approvals in the history`);
  }
  assertStoredInvariants('after approving the same ideas');
});

async function claimBodies(c, ideaId, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = await c.get(`/ideer/${ideaId}/utlagg`);
    out.push(hiddenFields(p.text, `/ideer/${ideaId}/utlagg`));
  }
  return out;
}

test(`claims that together exceed the grant, approved at once by two coordinators (${ROUNDS} rounds)`, async () => {
  const slug = await newProject(k, { budget: '1 000 000', title: `Utlägg samtidigt ${rand()}` });
  const log = [];
  let exercised = 0;
  for (let attempt = 0; exercised < ROUNDS && attempt < ROUNDS * 4; attempt++) {
    const id = await grantedIdea(youth, k, slug, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '1 000' }] });
    const [line] = lineIds(srv, id);
    // CLAIMS_AT_ONCE claims of 700 on a 1 000 grant, sent at the same moment so that
    // more than one gets in (each alone fits; any two exceed the grant)
    const hidden = await claimBodies(youth, id, CLAIMS_AT_ONCE);
    const subs = await postTogether(hidden.map((h, i) => ({ client: youth, path: `/ideer/${id}/utlagg`,
      base: i % 2 ? srv2.base : srv.base,
      body: claimForm(h, { rad: line, belopp: '700', beskrivning: `Claim ${i + 1}`, file: BIG_RECEIPT }) })));
    for (const r of subs.filter((x) => x.status !== 303)) {
      assert.equal(r.status, 400, `attempt ${attempt}: a refused claim: ${text(r)}`);
      assertSays(r, M.claimOverLeft, `attempt ${attempt}: a refused claim`);
    }
    const ids = claimIds(srv, id);
    assert.equal(ids.length, subs.filter((r) => r.status === 303).length, `attempt ${attempt}: claims stored ≠ claims accepted`);
    assert.ok(ids.length >= 1);
    if (ids.length >= 2) exercised++;
    // approve every stored claim at once, the two coordinators taking turns
    const coords = ids.map((_, i) => (i % 2 ? k2 : k));
    const bodies = [];
    for (let i = 0; i < ids.length; i++) bodies.push(await claimDecisionBody(coords[i], ids[i], 'godkand'));
    const decided = attempt % 2 === 0
      ? await Promise.all(ids.map((cid, i) => coords[i].postRaw(`/utlagg/${cid}/beslut`, bodies[i])))
      : await postTogether(ids.map((cid, i) => ({ client: coords[i], path: `/utlagg/${cid}/beslut`, body: bodies[i],
        base: i % 2 ? srv2.base : srv.base })));
    const won = decided.filter((r) => r.status === 303).length;
    log.push(`${ids.length}→${decided.map((r) => r.status).join('/')}`);
    assert.ok(won <= 1, `attempt ${attempt}: ${won} claims of 700 approved on a grant of 1 000 (${decided.map(text).join(' | ')})`);
    assert.equal(won, 1, `attempt ${attempt}: no claim approved (${decided.map(text).join(' | ')})`);
    for (const loser of decided.filter((r) => r.status !== 303)) {
      assert.equal(loser.status, 400);
      assert.equal(messagePage(loser).title, M.claimOverGrantTitle, `attempt ${attempt}`);
      assertSays(loser, M.claimOverGrant, `attempt ${attempt}`);
    }
    const p = await ideaPage(youth, id);
    assert.ok(p.lines[0].approved <= p.lines[0].granted, `attempt ${attempt}: approved ${p.lines[0].approved} > granted ${p.lines[0].granted}`);
    assert.equal(p.lines[0].approved, 70000, `attempt ${attempt}: approved ${p.lines[0].approved}`);
  }
  const l = await ledger(k, slug);
  assert.ok(l.total.approved <= l.total.granted);
  assertStoredInvariants('after the claims');
  console.log(`# claims at once (stored→decisions): ${log.join(' ')}; two or more got in ${exercised} times`);
  assert.ok(exercised >= 1, 'the concurrent submissions never let two claims in: the approval race was not exercised');
});

test(`claims that fit exactly, approved at once: both approved, nothing lost (${ROUNDS} rounds)`, async () => {
  const slug = await newProject(k, { budget: '100 000', title: `Utlägg som ryms ${rand()}` });
  for (let round = 0; round < ROUNDS; round++) {
    const id = await grantedIdea(youth, k, slug, { lines: [{ cat: 'Kommunikation', text: 'Affischer', amount: '1 000' }] });
    const [line] = lineIds(srv, id);
    const hidden = await claimBodies(youth, id, 2);
    for (const [i, amount] of [[0, '600'], [1, '400']]) {
      const r = await youth.request('POST', `/ideer/${id}/utlagg`, { body: claimForm(hidden[i], { rad: line, belopp: amount }) });
      assert.equal(r.status, 303, `round ${round}: claim ${amount}: ${text(r)}`);
    }
    const ids = claimIds(srv, id);
    const [b1, b2] = [await claimDecisionBody(k, ids[0], 'godkand'), await claimDecisionBody(k2, ids[1], 'godkand')];
    const rs = round % 2 === 0
      ? await Promise.all([k.postRaw(`/utlagg/${ids[0]}/beslut`, b1), k2.postRaw(`/utlagg/${ids[1]}/beslut`, b2)])
      : await postTogether([{ client: k, path: `/utlagg/${ids[0]}/beslut`, body: b1 },
        { client: k2, path: `/utlagg/${ids[1]}/beslut`, body: b2, base: srv2.base }]);
    assert.deepEqual(rs.map((r) => r.status), [303, 303], `round ${round}: ${rs.map(text).join(' | ')}`);
    const p = await ideaPage(youth, id);
    assert.equal(p.lines[0].approved, 100000, `round ${round}: an approval was lost (approved ${p.lines[0].approved})`);
    // and the same claim approved by both: counted once
    const id2 = await grantedIdea(youth, k, slug, { lines: [{ cat: 'Kommunikation', text: 'Affischer', amount: '500' }] });
    const [line2] = lineIds(srv, id2);
    const [h2] = await claimBodies(youth, id2, 1);
    assert.equal((await youth.request('POST', `/ideer/${id2}/utlagg`, { body: claimForm(h2, { rad: line2, belopp: '300' }) })).status, 303);
    const [cid] = claimIds(srv, id2);
    const [c1, c2] = [await claimDecisionBody(k, cid, 'godkand'), await claimDecisionBody(k2, cid, 'godkand')];
    const same = round % 2 === 0
      ? await Promise.all([k.postRaw(`/utlagg/${cid}/beslut`, c1), k2.postRaw(`/utlagg/${cid}/beslut`, c2)])
      : await postTogether([{ client: k, path: `/utlagg/${cid}/beslut`, body: c1 },
        { client: k2, path: `/utlagg/${cid}/beslut`, body: c2, base: srv2.base }]);
    assert.equal(same.filter((r) => r.status === 303).length, 1, `round ${round}: ${same.map(text).join(' | ')}`);
    const late = same.find((r) => r.status !== 303);
    // decided first by the other: 400 whether it lost before or after reading the claim
    assert.equal(late.status, 400, `round ${round}: ${text(late)}`);
    assert.equal(messagePage(late).title, M.claimDecidedTitle);
    assert.equal((await ideaPage(youth, id2)).lines[0].approved, 30000, `round ${round}: one claim approved twice`);
  }
  await ledger(k, slug);
  assertStoredInvariants('after the exact claims');
});
