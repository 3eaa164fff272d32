// Retention and statistics (wired after issues 9 and 13): the sweep erases
// an occurrence's registrations after its event's retention date, and in
// the same transaction keeps how many young people were present, so the
// statistics' "evenemang" figure of engaged young people is the same before
// and after the erasure.  The clock is the test's (SAMSKAP_TEST_CLOCK_FILE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL, sqlInt } from './calls_helpers.mjs';
import { createEvent, dayFromNow, link, mailTo, press, startEventsServer, sleep } from './events_helpers.mjs';

let srv;
let k;
before(async () => {
  srv = await startEventsServer({ env: { SAMSKAP_STATS_MAX_AGE: '0' } });
  k = await signedIn(srv, EMAIL.koordinator);
});
after(async () => { await srv?.stop(); });

async function youthAtEvents() {
  const r = await fetch(`${srv.base}/statistik/unga.json`);
  assert.equal(r.status, 200);
  const j = await r.json();
  const row = j.rader.find((x) => Object.values(x).includes('evenemang'));
  assert.ok(row, JSON.stringify(j));
  const n = Object.values(row).find((v) => typeof v === 'number');
  return n;
}

test('retention: the young people present are kept as a count, the statistics do not fall', async () => {
  const ev = await createEvent(k, { titel: 'Ungdomskväll', datum: dayFromNow(2), platser: '10', gallring: '5', ungdom: '1' });
  const occ = ev.occ[0];
  const year = new Date().getFullYear();
  // five young people, one child of 8 (not counted), one who does not come
  const people = [16, 14, 17, 13, 18, 8, 15].map((age, i) => ({ age, email: `u${i}.${Date.now()}@exempel.se` }));
  const anon = new Client(srv.base);
  for (const p of people) {
    const c = new Client(srv.base);
    const r = await c.submit(`/evenemang/${ev.id}/tillfalle/${occ}`, `/evenemang/${ev.id}/tillfalle/${occ}`, {
      namn: 'Ung Person', epost: p.email, behov: '', fodelsear: String(year - p.age),
    });
    assert.equal(r.status, 303, r.text.slice(0, 1500));
    p.link = link(await mailTo(srv, p.email, 'Bekräfta din anmälan'), 'bekrafta');
    assert.equal((await press(anon, p.link)).status, 303);
  }
  // the organiser ticks who came: all but the last
  const list = await k.get(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`);
  const ids = [...list.text.matchAll(/name="kom" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, people.length, list.text.slice(0, 3000));
  const came = ids.slice(0, people.length - 1).map((id) => `kom=${id}`).join('&');
  const saved = await k.submitRaw(`/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`,
    `/evenemang/${ev.id}/tillfalle/${occ}/anmalningar`, came);
  assert.equal(saved.status, 303, saved.text.slice(0, 1500));

  srv.setClock(Date.now() / 1000 + 4 * 86400); // after the event, before the retention date
  await sleep(2500); // a sweep has run: nothing due
  assert.equal(sqlInt(srv, `SELECT erased FROM event_occurrences WHERE id = ${occ}`), 0);
  const before = await youthAtEvents();
  assert.ok(before >= 5, `before: ${before}`);

  srv.setClock(Date.now() / 1000 + 8 * 86400); // after the retention date
  const deadline = Date.now() + 15000;
  while (sqlInt(srv, `SELECT erased FROM event_occurrences WHERE id = ${occ}`) !== 1) {
    assert.ok(Date.now() < deadline, 'the registrations were not erased');
    await sleep(200);
  }
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM event_registrations WHERE occurrence_id = ${occ}`), 0);
  assert.equal(sqlInt(srv, `SELECT youth_present FROM event_occurrences WHERE id = ${occ}`), 5);
  assert.equal(await youthAtEvents(), before);
  srv.realClock();
});
