// Retention of the inhabithon's registrations (wired after issue 11): the
// periodic sweep erases the registrations of people without an account the
// hackathon's retention (30 days unless the form says otherwise) after its
// last day, keeps how many went and how many were
// young participants with a place, and leaves registrations linked to an
// account; the statistics' hackathon figure is the same before and after.
// The clock is the test's (SAMSKAP_TEST_CLOCK_FILE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL, sql, sqlInt, waitMail } from './calls_helpers.mjs';
import { dayFromNow, sleep, startEventsServer } from './events_helpers.mjs';
import { hackFields, phase, youthFields } from './hackathon_helpers.mjs';

let srv;
let k;
before(async () => {
  srv = await startEventsServer({ env: { SAMSKAP_STATS_MAX_AGE: '0' } });
  k = await signedIn(srv, EMAIL.koordinator);
});
after(async () => { await srv?.stop(); });

async function youthAtHackathons() {
  const r = await fetch(`${srv.base}/statistik/unga.json`);
  assert.equal(r.status, 200);
  const j = await r.json();
  const row = j.rader.find((x) => Object.values(x).includes('hackathon'));
  assert.ok(row, JSON.stringify(j));
  const n = Object.values(row).find((v) => v !== 'hackathon');
  assert.equal(typeof n, 'number', JSON.stringify(row));
  return n;
}

test('retention: guests\' registrations erased 30 days after the end, counts kept, accounts\' stay', async () => {
  const endDay = dayFromNow(2);
  const fields = { ...hackFields({ name: 'Inhabithon Gallring' }), start: dayFromNow(1), slut: endDay, inlamning_datum: dayFromNow(1) };
  // the retention is a whole number of days from 1: refused in Swedish otherwise
  for (const bad of ['0', '-3', 'tio', '3651']) {
    const r = await k.submit('/inhabithon/ny', '/inhabithon/ny', { ...fields, gallring: bad });
    assert.equal(r.status, 400, `gallring ${bad}`);
    assert.match(r.text, /id="fel"/);
  }
  // 30 days unless changed
  const plain = await k.submit('/inhabithon/ny', '/inhabithon/ny', { ...fields, namn: 'Inhabithon Standard' });
  assert.equal(plain.status, 303);
  assert.equal(sqlInt(srv, `SELECT retention_days FROM hackathons WHERE slug = '${plain.location.split('/').pop()}'`), 30);
  const r0 = await k.submit('/inhabithon/ny', '/inhabithon/ny', { ...fields, gallring: '12' });
  assert.equal(r0.status, 303, r0.text.slice(0, 1500));
  const slug = r0.location.split('/').pop();
  const hid = sqlInt(srv, `SELECT id FROM hackathons WHERE slug = '${slug}'`);
  await phase(k, slug, 'anmalan');
  const year = new Date().getFullYear();
  const stamp = Date.now();
  // five young guests and a grown-up guest confirm; one guest never does
  const guests = [15, 16, 17, 18, 16].map((age, i) => ({ email: `ung${i}.${stamp}@exempel.se`, typ: 'ungdom', fodelsear: String(year - age) }));
  guests.push({ email: `vuxen.${stamp}@exempel.se`, typ: 'invanare' });
  for (const g of guests) {
    const c = new Client(srv.base);
    const r = await c.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { namn: 'Gäst', epost: g.email, typ: g.typ,
      ...(g.fodelsear ? { fodelsear: g.fodelsear } : {}) });
    assert.equal(r.status, 303, r.text.slice(0, 1500));
    const [mail] = await waitMail(srv, { to: g.email, subject: 'Bekräfta din anmälan' });
    const t = mail.body.match(/\/inhabithon\/\S+\/bekrafta\?t=([A-Za-z0-9_-]+)/);
    assert.ok(t, mail.body);
    const ok = await c.submit(`/inhabithon/${slug}/bekrafta?t=${t[1]}`, `/inhabithon/${slug}/bekrafta`, {});
    assert.equal(ok.status, 303);
  }
  const never = new Client(srv.base);
  assert.equal((await never.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`,
    { namn: 'Gäst', epost: `aldrig.${stamp}@exempel.se`, typ: 'invanare' })).status, 303);
  // a young person with an account registers in one step
  const young = await signedIn(srv, EMAIL.ungdom);
  assert.equal((await young.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields())).status, 303);
  assert.equal(sqlInt(srv, `SELECT retention_days FROM hackathons WHERE id = ${hid}`), 12);
  assert.match((await k.get(`/inhabithon/${slug}/redigera`)).text, /name="gallring"[^>]*value="12"|value="12"[^>]*name="gallring"/);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations WHERE hackathon_id = ${hid}`), 8);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations WHERE hackathon_id = ${hid} AND user_id IS NULL AND kind = 'ungdom' AND status = 'anmald'`), 5);
  assert.doesNotMatch((await k.get(`/inhabithon/${slug}/anmalningar`)).text, /enligt gallringen/);
  const registered = sqlInt(srv, `SELECT registered FROM hackathons WHERE id = ${hid}`);

  const end = Date.parse(`${endDay}T23:59:00Z`) / 1000;
  srv.setClock(end + 11 * 86400); // after the end, before the retention date (12 days)
  await sleep(2500); // sweeps have run: nothing due
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations WHERE hackathon_id = ${hid}`), 8);
  const before = await youthAtHackathons();

  srv.setClock(end + 12 * 86400 + 3600); // after the retention date
  const deadline = Date.now() + 15000;
  while (sqlInt(srv, `SELECT COUNT(*) FROM hackathons WHERE id = ${hid} AND guests_erased_at IS NOT NULL`) !== 1) {
    assert.ok(Date.now() < deadline, 'the registrations were not erased');
    await sleep(200);
  }
  // only the account's registration is left; what went is counted
  assert.equal(sql(srv, [`SELECT email, kind, status FROM hack_registrations WHERE hackathon_id = ${hid}`]).trim(),
    `${EMAIL.ungdom}|ungdom|anmald`);
  assert.equal(sql(srv, [`SELECT guests_erased, youth_kept, registered FROM hackathons WHERE id = ${hid}`]).trim(),
    `7|5|${registered}`);
  assert.equal(await youthAtHackathons(), before);
  // the organisers' list still opens, without the guests (a new session:
  // the clock has passed the old one's end)
  const k2 = new Client(srv.base);
  await k2.login(EMAIL.koordinator);
  const regs = await k2.get(`/inhabithon/${slug}/anmalningar`);
  assert.equal(regs.status, 200);
  assert.ok(!regs.text.includes(`${stamp}@exempel.se`));
  assert.match(regs.text, /<p>7 anmälningar av personer utan konto har tagits bort enligt gallringen efter hackathonet\. Antalen finns kvar\.<\/p>/);
  assert.match(regs.text, /Antal anmälningar: 1/);
  srv.realClock();
});
