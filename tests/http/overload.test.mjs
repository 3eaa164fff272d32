// Limits that hold under overload (issue 7, part 6; docs/DESIGN.md
// "Overload"): sign-in attempts are counted before the password is checked,
// so that of many concurrent wrong passwords for one account at most five
// are checked; sign-ins wait for a small pool of hashing threads, and when
// their queue is full the answer is an immediate Swedish 503; a request
// head or body that trickles in is cut off at an absolute deadline; one
// address may hold only so many connections.  The limits are set low here
// through the environment so that the tests take a few seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { MSG, assertErrorPage, waitUntil } from '../lib/http.mjs';

let srv;
let busySrv;
let limited;
before(async () => {
  srv = await startServer(); // the hashing queue (8) takes the 5 attempts an account has
  busySrv = await startServer({ env: { SAMSKAP_HASH_THREADS: '1', SAMSKAP_HASH_QUEUE: '2' } });
  // the per-address limit counts socket addresses, so this server does not
  // trust X-Forwarded-For (as when no proxy is in front)
  limited = await startServer({
    demo: false,
    env: { SAMSKAP_TRUST_PROXY: '0', SAMSKAP_REQUEST_DEADLINE: '2', SAMSKAP_PER_IP_CONNECTIONS: '4' },
  });
});
after(async () => { await srv.stop(); await busySrv.stop(); await limited.stop(); });

/** n clients, each from its own address, with the sign-in form's token. */
async function readyClients(n, server = srv) {
  return Promise.all(Array.from({ length: n }, async () => {
    const c = new Client(server.base);
    const csrf = await c.csrf('/logga-in', '/logga-in');
    return { c, csrf };
  }));
}

test('of 60 concurrent wrong passwords for one account at most 5 are checked', async () => {
  const email = 'reporter@example.org';
  const clients = await readyClients(60);
  const res = await Promise.all(clients.map(({ c, csrf }, i) =>
    c.postRaw('/logga-in', { _csrf: csrf, epost: email, losenord: `fel-lösenord-${i}` })));
  const checked = res.filter((r) => r.status === 400);
  const limitedRes = res.filter((r) => r.status === 429);
  for (const r of checked) assert.ok(r.text.includes(MSG.loginFailed), 'a 400 that is not a checked password');
  for (const r of limitedRes) assert.ok(r.text.includes(MSG.loginRate), 'a 429 without the Swedish message');
  const others = res.filter((r) => r.status !== 400 && r.status !== 429).map((r) => r.status);
  assert.deepEqual(others, [], 'only "wrong password" (checked) and "too many attempts" (not checked)');
  assert.ok(checked.length <= 5, `${checked.length} passwords were checked, at most 5 may be`);
  assert.ok(checked.length >= 1, 'no password was checked at all');
  // the account is now locked, even for its right password
  const c = new Client(srv.base);
  assert.equal((await c.submit('/logga-in', '/logga-in', { epost: email, losenord: DEMO_PASSWORD })).status, 429);
});

test('sign-ins beyond the hashing queue get an immediate Swedish 503, and pages are still served', async () => {
  // at most four sign-ins per account: an attempt in flight counts against the
  // account's five until it is answered
  const emails = ['ungdom@example.org', 'koordinator@example.org', 'klarsprak@example.org',
    'admin@example.org', 'kommunikator@example.org', 'forening@example.org', 'reporter@example.org'];
  const clients = await readyClients(24, busySrv);
  const page = new Client(busySrv.base);
  const [res, pageRes] = await Promise.all([
    Promise.all(clients.map(({ c, csrf }, i) =>
      c.postRaw('/logga-in', { _csrf: csrf, epost: emails[i % emails.length], losenord: DEMO_PASSWORD }))),
    (async () => { await new Promise((r) => setTimeout(r, 5)); return page.get('/'); })(),
  ]);
  assert.equal(pageRes.status, 200, 'the front page while sign-ins wait');
  const statuses = res.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 303 || s === 503), `statuses ${statuses.join(' ')}`);
  assert.ok(statuses.includes(303), 'nobody was signed in');
  const busy = res.filter((r) => r.status === 503);
  assert.ok(busy.length > 0, 'a queue of 2 took 24 concurrent sign-ins');
  assertErrorPage(busy[0], 503, 'when the hashing queue is full');
  assert.match(busy[0].text, /Försök igen om en stund/);
  assert.equal(busy[0].headers.get('retry-after'), '2');
  // a refused sign-in was no guess: the account is not nearer its limit
  const again = new Client(busySrv.base);
  await again.login(emails[0]);
});

/** A raw connection from `local` (an address on the loopback network). */
function connect(port, local = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: local });
    s.received = '';
    s.ended = new Promise((r) => s.on('close', () => r(Date.now())));
    s.on('data', (d) => { s.received += d.toString(); });
    s.on('error', () => {});
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** Sends `text` one byte every `ms` until the server closes the socket. */
function trickle(s, text, ms) {
  let i = 0;
  const t = setInterval(() => {
    if (s.destroyed || s.writableEnded) return clearInterval(t);
    s.write(text[i++ % text.length]);
  }, ms);
  s.on('close', () => clearInterval(t));
}

test('a trickled request head or body is cut off at the deadline, and others are served meanwhile', async () => {
  const start = Date.now();
  const head = await connect(limited.port);
  trickle(head, 'GET /nyheter HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 200);
  const body = await connect(limited.port);
  body.write(`POST /logga-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n`);
  trickle(body, 'a', 200);
  const served = await fetch(`${limited.base}/healthz`);
  assert.equal(served.status, 200);
  const [h, b] = await Promise.all([head.ended, body.ended]);
  for (const [s, end, what] of [[head, h, 'head'], [body, b, 'body']]) {
    const took = (end - start) / 1000;
    assert.ok(took >= 1.5 && took < 4.5, `the trickled ${what} was cut after ${took} s (deadline 2 s)`);
    assert.match(s.received, /^HTTP\/1\.1 408 /, `the trickled ${what} got no 408`);
  }
  // the warning is written by the server in its own time: wait for it (bounded)
  await waitUntil(() => /cut off: no complete request within 2 s/.test(limited.log()),
    'the server logs no "cut off: no complete request within 2 s"');
});

test('one address may hold only so many connections; another address is still served', async () => {
  const held = [];
  for (let i = 0; i < 4; i++) held.push(await connect(limited.port, '127.0.0.2'));
  const fifth = await connect(limited.port, '127.0.0.2');
  // closed at once; the bound only ends the wait if it never is
  const closedAt = await Promise.race([fifth.ended, new Promise((r) => setTimeout(() => r(null), 5000))]);
  assert.ok(closedAt !== null, 'a fifth connection from 127.0.0.2 was kept open (limit 4)');
  assert.equal(fifth.received, '', 'the refused connection got an answer');
  // one of the four held connections is served
  held[0].write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitUntil(() => held[0].received.includes('\r\n\r\n'), 'a held connection got no answer');
  assert.match(held[0].received, /^HTTP\/1\.1 200 /);
  // 127.0.0.1 is not affected
  const other = await fetch(`${limited.base}/healthz`);
  assert.equal(other.status, 200);
  for (const s of held) s.destroy();
});

// A burst of connections is shared out over the workers (src/http/server.c,
// "accepting"): with libmicrohttpd's own accepting the worker that woke first
// took a whole burst, and a signed-in page then went at one core's pace.
// Each new connection goes to the worker with the fewest open.
test('bursts of connections are shared out evenly over the worker threads', async () => {
  const workers = 2;
  const s = await startServer({ threads: workers, env: { SAMSKAP_TEST_MODE: '1' } });
  const open = [];
  try {
    const per = new Map();
    for (let burst = 1; burst <= 3; burst++) {
      const n = 16; // each burst while the ones before stay open
      const sockets = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
        const c = net.connect(s.port, '127.0.0.1', () => resolve(c));
        c.once('error', reject);
      })));
      open.push(...sockets);
      const answers = await Promise.all(sockets.map((c) => new Promise((resolve, reject) => {
        let got = '';
        c.setEncoding('latin1');
        c.on('data', (d) => { got += d; if (/\r\n\r\n/.test(got)) resolve(got); });
        c.once('error', reject);
        c.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      })));
      for (const a of answers) {
        assert.match(a, /^HTTP\/1\.1 200/);
        const w = /\r\nX-Worker: (\d+)\r\n/i.exec(a);
        assert.ok(w, `no X-Worker header in ${a.slice(0, 200)}`);
        per.set(w[1], (per.get(w[1]) || 0) + 1);
      }
      assert.equal(per.size, workers, `after burst ${burst}: ${JSON.stringify([...per])}`);
      for (const [w, k] of per) {
        assert.ok(Math.abs(k - (burst * n) / workers) <= 1, `after burst ${burst}: worker ${w} has ${k} of ${burst * n}`);
      }
    }
  } finally {
    open.forEach((c) => c.destroy());
    await s.stop();
  }
});
