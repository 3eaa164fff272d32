// Capacity under a rush (issue 9), on SQLite and on PostgreSQL
// (SAMSKAP_TEST_DB=pg) with two server processes on one database: many
// people confirm their registrations for the last places at the same
// moment; exactly capacity get a place, every other one is on the waiting
// list in a queue without gaps, nothing is lost, no 5xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, hiddenFields } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL } from './calls_helpers.mjs';
import { createEvent, dayFromNow, link, mails, register, secondServer, sleep, startEventsServer } from './events_helpers.mjs';

const PEOPLE = Number(process.env.EVENTS_RUSH || 80);
const CAPACITY = 10;
let srv;
let srv2;
before(async () => {
  srv = await startEventsServer({ threads: 8 });
  srv2 = await secondServer(srv);
});
after(async () => {
  try { await srv2?.stop(); } finally { await srv?.stop(); }
});

test(`${PEOPLE} confirm at once for ${CAPACITY} places on two processes: exactly ${CAPACITY} confirmed`, async () => {
  const k = await signedIn(srv, EMAIL.koordinator);
  const ev = await createEvent(k, { titel: 'Digitaliseringskonferensen', datum: dayFromNow(40), platser: String(CAPACITY) });
  const occ = ev.occ[0];
  const stamp = Date.now();
  const emails = Array.from({ length: PEOPLE }, (_, i) => `rusning${i}.${stamp}@exempel.se`);
  for (let i = 0; i < PEOPLE; i += 10) {
    const rs = await Promise.all(emails.slice(i, i + 10).map((e) => register(i % 20 ? srv.base : srv2.base, ev.id, occ, e)));
    for (const { r } of rs) assert.equal(r.status, 303);
  }
  // the confirmation links, from the SMTP sink
  const deadline = Date.now() + 60000;
  let tokens;
  for (;;) {
    const got = new Map();
    for (const m of mails(srv.maildir)) {
      const to = m.to.find((t) => t.includes(`.${stamp}@`));
      if (to && m.subject.includes('Bekräfta')) got.set(to, link(m, 'bekrafta'));
    }
    if (got.size === PEOPLE) { tokens = emails.map((e) => got.get(e)); break; }
    assert.ok(Date.now() < deadline, `only ${got.size} of ${PEOPLE} confirmation e-mails arrived`);
    await sleep(200);
  }
  // one anonymous visitor's CSRF pair serves every POST, on both processes
  const a = new Client(srv.base);
  const page = await a.get(tokens[0]);
  const csrf = hiddenFields(page.text, tokens[0])._csrf;
  const b = new Client(srv2.base);
  b.cookies = a.cookies;
  b.ip = a.ip;
  const results = await Promise.all(tokens.map((t, i) => (i % 2 ? b : a).postRaw(t, { _csrf: csrf })));
  const statuses = results.map((r) => r.status);
  assert.deepEqual([...new Set(statuses)], [303], `statuses: ${statuses.join(' ')}`);
  // what each person's page says
  const says = await Promise.all(tokens.map((t) => a.get(t)));
  const seated = says.filter((s) => /Bekräftad plats/.test(s.text)).length;
  const waiting = says.filter((s) => /På väntelistan/.test(s.text));
  assert.equal(seated, CAPACITY);
  assert.equal(waiting.length, PEOPLE - CAPACITY);
  const positions = waiting.map((s) => Number(s.text.match(/nummer (\d+) i kön/)[1])).sort((x, y) => x - y);
  assert.deepEqual(positions, Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1));
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  assert.match(list.text, new RegExp(`<dt>Bekräftad plats</dt><dd>${CAPACITY}</dd>`));
  assert.match(list.text, new RegExp(`<dt>På väntelistan</dt><dd>${PEOPLE - CAPACITY}</dd>`));

  // the sweep runs in both processes: an offer left to expire passes on exactly once
  const firstSeated = tokens.find((t, i) => /Bekräftad plats/.test(says[i].text));
  const order = waiting.map((s) => Number(s.text.match(/nummer (\d+) i kön/)[1]));
  const inLine = (n) => emails[says.indexOf(waiting[order.indexOf(n)])];
  assert.equal((await a.postRaw(firstSeated.replace('bekrafta', 'avboka'), { _csrf: csrf })).status, 200);
  const offers = (to) => mails(srv.maildir).filter((m) => m.to.includes(to) && m.subject.includes('En plats har blivit ledig'));
  const until = Date.now() + 15000;
  while (offers(inLine(1)).length === 0) { assert.ok(Date.now() < until, 'no offer to the first in line'); await sleep(150); }
  srv.setClock(Date.now() / 1000 + 49 * 3600);
  while (offers(inLine(2)).length === 0) { assert.ok(Date.now() < until + 15000, 'no offer to the second in line'); await sleep(150); }
  await sleep(3000); // several more rounds of both sweeps
  srv.realClock();
  assert.equal(offers(inLine(1)).length, 1);
  assert.equal(offers(inLine(2)).length, 1);
  assert.equal(offers(inLine(3)).length, 0);
  const after = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  assert.match(after.text, new RegExp(`<dt>Bekräftad plats</dt><dd>${CAPACITY - 1}</dd>`));
  assert.match(after.text, /<dt>Erbjuden plats<\/dt><dd>1<\/dd>/);
  assert.match(after.text, new RegExp(`<dt>På väntelistan</dt><dd>${PEOPLE - CAPACITY - 2}</dd>`));
});
