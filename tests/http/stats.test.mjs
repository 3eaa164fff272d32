// Issue 13: statistics and open data, over HTTP against the real binary
// (SQLite, or PostgreSQL with SAMSKAP_TEST_DB=pg).
//
// The test builds a dataset on top of the demo data with raw rows — young
// people with two ideas (counted once), an idea whose account was erased, a
// draft with money on it, an idea whose title is a spreadsheet formula,
// claims in every state, an activity with three young people and three
// organisations from two sectors, a published meeting with three people
// present and an unpublished one — then counts every figure itself from
// the raw rows (SELECTs of plain columns, the arithmetic here in
// JavaScript, never through the code under test) and compares them with
// the page, the CSV and the JSON of every table, for all time and for
// periods.  Also: counts of people under 5 are "färre än 5" in every
// output; drafts, unpublished minutes, names of people and the erased
// person are in no output; every CSV parses with Python's csv module
// (UTF-8 with BOM), every JSON parses; the DCAT-AP-SE catalogue names every
// file and each one it names answers; bad periods, unknown projects and
// formats are Swedish 400/404, never 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { sql } from './calls_helpers.mjs';

const FEW = 'färre än 5';
const PROJECT = 'delaktighet-och-samskapande-med-ungdomar';
const SECRET = ['HEMLIGT UTKAST Zqx', 'Hemlig Person Qv', 'Erika Raderad', 'Ylva Ungdom', 'Närvarande Ett'];
let srv;
let tmp;

const t = (ymd) => Math.floor(new Date(`${ymd}T12:00:00+02:00`).getTime() / 1000);
const monthOf = (secs) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' })
  .format(new Date(secs * 1000));
const ymdOf = (secs) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(secs * 1000));
const show = (n) => (n > 0 && n < 5 ? FEW : n);

function one(q) {
  return sql(srv, [q]).trim();
}

function rows(q) {
  return sql(srv, [q]).split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

function blob() {
  return srv.kind === 'pg' ? "'\\x00'::bytea" : "X'00'";
}

before(async () => {
  srv = await startServer({ env: { SAMSKAP_STATS_MAX_AGE: '0' } });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'samskap-stats-'));
  const pid = one(`SELECT id FROM projects WHERE slug = '${PROJECT}'`);
  const cats = rows(`SELECT id FROM project_categories WHERE project_id = ${pid} ORDER BY position`).map((r) => r[0]);
  const org = (slug) => one(`SELECT id FROM organisations WHERE slug = '${slug}'`);
  sql(srv, [
    `INSERT INTO users(email, name, name_fold, password_hash, birth_year, created_at) VALUES
       ('ylva@test.example', 'Ylva Ungdom', 'ylva ungdom', 'x', 2007, 0),
       ('erika@test.example', 'Erika Raderad', 'erika raderad', 'x', 2008, 0)`,
  ]);
  const ylva = one("SELECT id FROM users WHERE email = 'ylva@test.example'");
  const erika = one("SELECT id FROM users WHERE email = 'erika@test.example'");
  const idea = (title, who, name, orgId, birth, status, submitted) =>
    `INSERT INTO ideas(project_id, title, submitter_id, submitter_name, org_id, birth_year, status, submitted_at, created_at, updated_at)
     VALUES (${pid}, '${title}', ${who}, '${name}', ${orgId}, ${birth}, '${status}', ${submitted}, ${t('2022-04-01')}, 0)`;
  sql(srv, [
    idea('Ylvas första idé', ylva, 'Ylva Ungdom', 'NULL', 2007, 'inskickad', t('2022-04-10')),
    idea('Ylvas andra idé', ylva, 'Ylva Ungdom', 'NULL', 2007, 'beviljad', t('2022-05-02')),
    idea('Erikas idé', erika, 'Erika Raderad', 'NULL', 2008, 'avslagen', t('2022-08-15')),
    idea('HEMLIGT UTKAST Zqx', ylva, 'Ylva Ungdom', 'NULL', 2007, 'utkast', 'NULL'),
    idea('=HYPERLINK("http://x.example")', 'NULL', 'Rut', org('byabetan'), 'NULL', 'inskickad', t('2022-06-01')),
  ]);
  const ideaId = (title) => one(`SELECT id FROM ideas WHERE title = '${title}'`);
  const line = (ideaTitle, cat, asked, granted, approved) =>
    `INSERT INTO budget_lines(idea_id, position, category_id, description, asked, granted, approved_total)
     VALUES (${ideaId(ideaTitle)}, 1, ${cat}, '-Rad för ${ideaTitle.replace(/'/g, '')}', ${asked}, ${granted}, ${approved})`;
  sql(srv, [
    line('Ylvas andra idé', cats[1], 300000, 250000, 100000),
    line('HEMLIGT UTKAST Zqx', cats[0], 99999900, 0, 0),
    line('=HYPERLINK("http://x.example")', cats[0], 123400, 0, 0),
    `UPDATE ideas SET granted_total = 250000 WHERE id = ${ideaId('Ylvas andra idé')}`,
  ]);
  const lineId = one(`SELECT id FROM budget_lines WHERE idea_id = ${ideaId('Ylvas andra idé')}`);
  const claim = (amount, status) =>
    `INSERT INTO claims(idea_id, line_id, claimant_id, claimant_name, description, amount, status, receipt_name, receipt_type, receipt_size, receipt, created_at)
     VALUES (${ideaId('Ylvas andra idé')}, ${lineId}, ${ylva}, 'Ylva Ungdom', 'Fika', ${amount}, '${status}', 'k.png', 'image/png', 1, ${blob()}, ${t('2022-05-20')})`;
  sql(srv, [claim(60000, 'utbetald'), claim(40000, 'godkand'), claim(20000, 'inskickad'), claim(5000, 'avslagen')]);
  // an activity: three young people, three organisations, two sectors
  sql(srv, [
    `INSERT INTO activities(title, status, start_date, end_date, total_min, total_max, youth_min, youth_max, created_at, updated_at)
     VALUES ('Testaktivitet Q', 'genomford', '2022-06-10', '2022-06-10', 7, 8, 3, 4, 0, 0)`,
  ]);
  const act = one("SELECT id FROM activities WHERE title = 'Testaktivitet Q'");
  sql(srv, [
    `INSERT INTO activity_orgs(activity_id, org_id, name) VALUES (${act}, ${org('byabetan')}, 'Byabetan'),
       (${act}, ${org('socialforvaltningen')}, 'Socialförvaltningen'), (${act}, NULL, 'Grannskapet')`,
  ]);
  // a published meeting with three present; an unpublished one
  const group = one('SELECT MIN(id) FROM groups');
  sql(srv, [
    `INSERT INTO meetings(group_id, date, start_time, end_time, status, created_at, updated_at)
     VALUES (${group}, '2022-06-20', '13:30', '15:30', 'protokoll_publicerat', 0, 0),
            (${group}, '2022-06-27', '13:30', '15:30', 'genomfort', 0, 0)`,
  ]);
  const pub = one(`SELECT id FROM meetings WHERE date = '2022-06-20' AND group_id = ${group}`);
  const unpub = one(`SELECT id FROM meetings WHERE date = '2022-06-27' AND group_id = ${group}`);
  sql(srv, [
    `INSERT INTO attendance(meeting_id, name, org_name) VALUES (${pub}, 'Närvarande Ett', 'Byabetan'),
       (${pub}, 'Närvarande Två', 'Byabetan'), (${pub}, 'Närvarande Tre', 'Fritid Helsingborg'),
       (${unpub}, 'Hemlig Person Qv', 'Hemliga föreningen')`,
    `INSERT INTO action_items(group_id, meeting_id, owner_name, what, status, done_meeting_id, done_at, created_at)
     VALUES (${group}, ${pub}, 'Någon', 'Gör något', 'klar', ${pub}, ${t('2022-06-20') + 86400 * 3}, ${t('2022-06-20')})`,
  ]);
  // events for young people (July 2022): registered, confirmed and ticked
  // present counts; Ylva (her ideas counted her) and the same address at two
  // occurrences count once; an adult, a child of 7, someone not present,
  // someone waiting and a cancelled occurrence do not; nor an event not for
  // young people
  sql(srv, [
    `INSERT INTO users(email, name, name_fold, password_hash, birth_year, created_at) VALUES
       ('hugo@test.example', 'Hugo Ungdom', 'hugo ungdom', 'x', 2006, 0)`,
    // kept for ten years: the sweep must not erase these 2022 registrations
    // while the test counts them (events_retention_stats.test.mjs tests that)
    `INSERT INTO events(title, start_day, start_time, end_time, capacity, youth, published, retention_days, created_at, updated_at)
     VALUES ('Ungevent Q', '2022-07-05', '15:00', '17:00', 50, 1, 1, 3650, 0, 0),
            ('Vuxenevent Q', '2022-07-05', '15:00', '17:00', 50, 0, 1, 3650, 0, 0)`,
  ]);
  const hugo = one("SELECT id FROM users WHERE email = 'hugo@test.example'");
  const ev = (title) => one(`SELECT id FROM events WHERE title = '${title}'`);
  const occ = (event, day, status) =>
    `INSERT INTO event_occurrences(event_id, rule_day, day, start_time, end_time, starts_at, ends_at, status, capacity)
     VALUES (${event}, '${day}', '${day}', '15:00', '17:00', ${t(day)}, ${t(day) + 7200}, '${status}', 50)`;
  sql(srv, [occ(ev('Ungevent Q'), '2022-07-05', 'planerad'), occ(ev('Ungevent Q'), '2022-07-12', 'planerad'),
    occ(ev('Ungevent Q'), '2022-07-19', 'installd'), occ(ev('Vuxenevent Q'), '2022-07-05', 'planerad')]);
  const occId = (title, day) => one(`SELECT o.id FROM event_occurrences o JOIN events e ON e.id = o.event_id
    WHERE e.title = '${title}' AND o.day = '${day}'`);
  let tok = 0;
  const reg = (o, user, email, birth, status, attended) =>
    `INSERT INTO event_registrations(occurrence_id, user_id, name, email, email_fold, birth_year, status, token_hash, attended, created_at, updated_at)
     VALUES (${o}, ${user}, 'Evenemangsdeltagare', '${email}', '${email.toLowerCase()}', ${birth}, '${status}', 'stats-tok-${++tok}', ${attended}, 0, 0)`;
  const u1 = occId('Ungevent Q', '2022-07-05');
  const u2 = occId('Ungevent Q', '2022-07-12');
  const u3 = occId('Ungevent Q', '2022-07-19');
  const v1 = occId('Vuxenevent Q', '2022-07-05');
  sql(srv, [
    reg(u1, 'NULL', 'Sam@Test.example', 2008, 'bekraftad', 1),
    reg(u2, 'NULL', 'sam@test.example', 2008, 'bekraftad', 1),
    reg(u1, hugo, 'hugo@test.example', 2006, 'bekraftad', 1),
    reg(u1, ylva, 'ylva@test.example', 2007, 'bekraftad', 1),
    reg(u1, 'NULL', 'vuxen@test.example', 1980, 'bekraftad', 1),
    reg(u1, 'NULL', 'barn@test.example', 2015, 'bekraftad', 1),
    reg(u1, 'NULL', 'nils@test.example', 2009, 'bekraftad', 0),
    reg(u1, 'NULL', 'vera@test.example', 2009, 'vantar', 0),
    reg(u3, 'NULL', 'inst@test.example', 2009, 'bekraftad', 1),
    reg(v1, 'NULL', 'annan@test.example', 2007, 'bekraftad', 1),
  ]);
  // the inhabithon (August 2022, the project's): young participants with a
  // place count; Hugo and Ylva are counted already; Sam has no account, so
  // the events' Sam cannot be matched and counts again (the documented
  // bound); unconfirmed and grown-up participants do not count
  sql(srv, [
    // kept ten years, like the events above: the sweep leaves these rows alone
    `INSERT INTO hackathons(slug, name, starts_on, ends_on, phase, capacity, registered, team_max, deadline, project_id, retention_days, created_at, updated_at)
     VALUES ('stats-hack-q', 'Hackathon Q', '2022-08-20', '2022-08-21', 'avslutad', 20, 5, 4, 0, ${pid}, 3650, 0, 0)`,
  ]);
  const hack = one("SELECT id FROM hackathons WHERE slug = 'stats-hack-q'");
  const hreg = (user, email, birth, kind, status) =>
    `INSERT INTO hack_registrations(hackathon_id, user_id, email, name, birth_year, kind, status, created_at)
     VALUES (${hack}, ${user}, '${email}', 'Hackdeltagare', ${birth}, '${kind}', '${status}', 0)`;
  sql(srv, [
    hreg('NULL', 'SAM@test.example', 2008, 'ungdom', 'anmald'),
    hreg(hugo, 'hugo@test.example', 2006, 'ungdom', 'anmald'),
    hreg(ylva, 'ylva@test.example', 2007, 'ungdom', 'anmald'),
    hreg('NULL', 'tove@test.example', 2007, 'ungdom', 'anmald'),
    hreg('NULL', 'ulf@test.example', 2007, 'ungdom', 'bekraftas'),
    hreg('NULL', 'inga@test.example', 1990, 'invanare', 'anmald'),
  ]);
  // the account is erased (its ideas stay, without the account)
  sql(srv, [`DELETE FROM users WHERE id = ${erika}`]);
});

after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---- the figures, counted here from raw rows ----

function rawIdeas() {
  return rows(`SELECT i.id, i.project_id, i.status, COALESCE(i.submitted_at, i.created_at), COALESCE(i.submitter_id, 0),
                      COALESCE(i.birth_year, 0), COALESCE(i.org_id, 0), i.granted_total, i.title FROM ideas i ORDER BY i.id`)
    .map(([id, pid, status, at, sub, birth, org, granted, title]) => ({
      id: +id, pid: +pid, status, at: +at, sub: +sub, birth: +birth, org: +org, granted: +granted, title,
    }));
}

function expected({ from = '2000-01-01', to = '2099-12-31', project = null } = {}) {
  const pid = project ? +one(`SELECT id FROM projects WHERE slug = '${project}'`) : 0;
  const orgs = new Map(rows('SELECT id, kind, sector, slug, name FROM organisations').map(([id, kind, sector, slug, name]) =>
    [+id, { kind, sector, slug, name }]));
  const inPeriod = (i) => ymdOf(i.at) >= from && ymdOf(i.at) <= to;
  const ideas = rawIdeas().filter((i) => i.status !== 'utkast' && inPeriod(i) && (!pid || i.pid === pid));
  const months = new Map();
  const bump = (m, k, n = 1) => {
    if (!months.has(m)) months.set(m, { ideer: 0, unga: 0, aktiviteter: 0, moten: 0 });
    months.get(m)[k] += n;
  };
  // youth: unique people (by account; an erased account's idea is one person)
  const firstAt = new Map();
  for (const i of ideas.filter((x) => x.birth > 0 && !x.org)) {
    const key = i.sub ? `u${i.sub}` : `i${i.id}`;
    if (!firstAt.has(key) || i.at < firstAt.get(key)) firstAt.set(key, i.at);
  }
  for (const at of firstAt.values()) bump(monthOf(at), 'unga');
  const ideaProject = new Map(rawIdeas().map((i) => [i.id, i.pid]));
  const acts = rows(`SELECT id, title, status, start_date, COALESCE(youth_min, -1), COALESCE(idea_id, 0) FROM activities`)
    .map(([id, title, status, start, youth, idea]) => ({ id: +id, title, status, start, youth: +youth, idea: +idea }))
    .filter((a) => a.status !== 'installd' && a.start >= from && a.start <= to && (!pid || ideaProject.get(a.idea) === pid));
  let counted = 0;
  for (const a of acts.filter((x) => x.youth >= 0)) {
    counted += a.youth;
    bump(a.start.slice(0, 7), 'unga', a.youth);
  }
  // events and the inhabithon: unique people by account, else by e-mail;
  // an account counted by an earlier source (ideas, then events) is not
  // counted again
  const seen = new Set(ideas.filter((x) => x.birth > 0 && !x.org && x.sub).map((x) => x.sub));
  const walk = (list) => {
    const keys = new Set();
    let n = 0;
    for (const r of list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0))) {
      const key = r.user ? `u${r.user}` : `e${r.email.toLowerCase()}`;
      if (keys.has(key)) continue;
      keys.add(key);
      if (r.user && seen.has(r.user)) continue;
      if (r.user) seen.add(r.user);
      n++;
      bump(r.day.slice(0, 7), 'unga');
    }
    return n;
  };
  const evRegs = pid ? [] : rows(`SELECT COALESCE(r.user_id, 0), r.email, o.day, r.birth_year, r.status, r.attended, e.youth, o.status
      FROM event_registrations r JOIN event_occurrences o ON o.id = r.occurrence_id JOIN events e ON e.id = o.event_id`)
    .map(([user, email, day, birth, status, att, youth, ostatus]) => ({ user: +user, email, day, birth: +birth, status, att: +att, youth: +youth, ostatus }))
    .filter((r) => r.youth === 1 && r.ostatus === 'planerad' && r.status === 'bekraftad' && r.att === 1 && r.birth > 0
      && r.day >= from && r.day <= to && +r.day.slice(0, 4) - r.birth >= 13 && +r.day.slice(0, 4) - r.birth <= 18);
  const events = walk(evRegs);
  const hackRegs = rows(`SELECT COALESCE(r.user_id, 0), r.email, h.starts_on, r.kind, r.status, COALESCE(h.project_id, 0)
      FROM hack_registrations r JOIN hackathons h ON h.id = r.hackathon_id`)
    .map(([user, email, day, kind, status, hp]) => ({ user: +user, email, day, kind, status, hp: +hp }))
    .filter((r) => r.kind === 'ungdom' && r.status === 'anmald' && r.day >= from && r.day <= to && (!pid || r.hp === pid));
  const hackathon = walk(hackRegs);
  const unga = [['ideer', firstAt.size], ['aktiviteter', counted], ['evenemang', events], ['hackathon', hackathon],
    ['totalt', firstAt.size + counted + events + hackathon]];
  // ideas by status and by kind of submitter
  const order = ['inskickad', 'under_bedomning', 'behover_andras', 'beviljad', 'avslagen', 'pagar', 'genomford', 'rapporterad'];
  const status = order.map((s) => [s, ideas.filter((i) => i.status === s).length]);
  const kindOf = (i) => {
    if (!i.org) return i.birth > 0 ? 'ung' : 'annan';
    const k = orgs.get(i.org)?.kind;
    return k === 'forening' || k === 'paraply' ? 'forening' : k === 'forvaltning' ? 'forvaltning' : 'annan';
  };
  const kinds = ['forening', 'forvaltning', 'ung', 'annan'].map((k) => [k, ideas.filter((i) => kindOf(i) === k).length]);
  for (const i of ideas) bump(monthOf(i.at), 'ideer');
  // money by category: lines and claims of the ideas in the period
  const ideaIds = new Set(ideas.map((i) => i.id));
  const catName = new Map(rows('SELECT id, name, position FROM project_categories').map(([id, name, pos]) => [+id, { name, pos: +pos }]));
  const money = new Map();
  const lineCat = new Map();
  for (const [id, idea, cat, asked, granted] of rows('SELECT id, idea_id, category_id, asked, granted FROM budget_lines')) {
    if (!ideaIds.has(+idea)) continue;
    const c = catName.get(+cat);
    lineCat.set(+id, c.name);
    if (!money.has(c.name)) money.set(c.name, { pos: c.pos, sokt: 0, beviljat: 0, begart: 0, godkant: 0, utbetalt: 0 });
    const m = money.get(c.name);
    m.pos = Math.min(m.pos, c.pos);
    m.sokt += +asked;
    m.beviljat += +granted;
  }
  for (const [line, amount, st] of rows('SELECT line_id, amount, status FROM claims')) {
    if (!lineCat.has(+line)) continue;
    const m = money.get(lineCat.get(+line));
    if (st !== 'avslagen') m.begart += +amount;
    if (st === 'godkand' || st === 'utbetald') m.godkant += +amount;
    if (st === 'utbetald') m.utbetalt += +amount;
  }
  const pengar = [...money.entries()].sort((a, b) => a[1].pos - b[1].pos || (a[0] < b[0] ? -1 : 1))
    .map(([name, m]) => [name, m.sokt, m.beviljat, m.begart, m.godkant, m.utbetalt, m.beviljat - m.godkant]);
  const budget = rows(`SELECT slug, title, budget, granted_total FROM projects ORDER BY call_opens, id`)
    .filter(([slug]) => !project || slug === project)
    .map(([, title, b, g]) => [title, +b, +g, +b - +g]);
  // collaboration
  const aorgs = rows('SELECT activity_id, COALESCE(org_id, 0) FROM activity_orgs').map(([a, o]) => [+a, +o]);
  acts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
  const samverkan = acts.map((a) => {
    const mine = aorgs.filter(([x]) => x === a.id);
    const sectors = new Set(mine.filter(([, o]) => o).map(([, o]) => orgs.get(o).sector));
    return [a.title, mine.length, sectors.size];
  });
  for (const a of acts) bump(a.start.slice(0, 7), 'aktiviteter');
  const many = samverkan.filter((r) => r[2] > 1).length;
  const andel = [[acts.length, many, acts.length ? Math.floor((many * 100) / acts.length) : 0]];
  const pairs = new Map();
  const actIds = new Set(acts.map((a) => a.id));
  for (const [a1, o1] of aorgs) for (const [a2, o2] of aorgs) {
    if (a1 !== a2 || !o1 || !o2 || o1 >= o2 || !actIds.has(a1)) continue;
    const key = `${o1}-${o2}`;
    if (!pairs.has(key)) pairs.set(key, { a: orgs.get(o1).name, b: orgs.get(o2).name, acts: new Set() });
    pairs.get(key).acts.add(a1);
  }
  const par = [...pairs.values()].map((p) => [p.a, p.b, p.acts.size])
    .sort((x, y) => y[2] - x[2] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1));
  // meetings (platform only): published minutes
  let moten = null;
  if (!project) {
    const att = rows('SELECT meeting_id, org_name FROM attendance');
    const items = rows('SELECT meeting_id, COALESCE(activity_id, 0), report_missing FROM agenda_items');
    const actions = rows('SELECT meeting_id, COALESCE(done_meeting_id, 0), status, created_at, COALESCE(done_at, -1) FROM action_items');
    moten = rows(`SELECT m.id, m.date, g.name FROM meetings m JOIN groups g ON g.id = m.group_id
                  WHERE m.status = 'protokoll_publicerat' ORDER BY m.date, m.id`)
      .filter(([, date]) => date >= from && date <= to)
      .map(([id, date, g]) => {
        const mine = att.filter(([m]) => m === id);
        const done = actions.filter(([, d, st, , at]) => d === id && st === 'klar' && +at >= 0);
        bump(date.slice(0, 7), 'moten');
        const days = done.length ? Math.floor((done.reduce((s, a) => s + (+a[4] - +a[3]), 0) * 10) / 86400 / done.length) : -1;
        return [`${date} ${g}`, new Set(mine.filter(([, o]) => o !== '').map(([, o]) => o)).size, mine.length,
          items.filter(([m, a, miss]) => m === id && a !== '0' && miss === '0').length,
          items.filter(([m, , miss]) => m === id && miss === '1').length,
          actions.filter(([m]) => m === id).length, done.length, days];
      });
  }
  // months: every month from the first to the last
  const keys = [...months.keys()].sort();
  const manad = [];
  if (keys.length) {
    let [y, m] = keys[0].split('-').map(Number);
    let cum = 0;
    for (;;) {
      const ym = `${y}-${String(m).padStart(2, '0')}`;
      const v = months.get(ym) || { ideer: 0, unga: 0, aktiviteter: 0, moten: 0 };
      cum += v.unga;
      manad.push([ym, v.ideer, v.unga, cum, v.aktiviteter, v.moten]);
      if (ym >= keys[keys.length - 1]) break;
      if (++m > 12) { m = 1; y++; }
    }
  }
  const tables = {
    unga, ideer_status: status, ideer_inlamnare: kinds, pengar, budget, samverkan, samverkan_andel: andel,
    samverkan_par: par, manad,
  };
  if (moten) tables.moten = moten;
  return tables;
}

// which columns count people (suppressed under 5), per table
const PEOPLE = { unga: [1], ideer_inlamnare: [1], moten: [2], manad: [2, 3] };

function suppressed(id, table) {
  return table.map((r) => r.map((v, k) => ((PEOPLE[id] || []).includes(k) ? show(v) : v)));
}

// ---- reading the outputs ----

async function raw(p) {
  const res = await fetch(srv.base + p);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function parseCsv(text) {
  const out = [];
  let row = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); out.push(row); row = []; cell = ''; i++;
    } else cell += c;
  }
  return out;
}

/** Python's csv module must read it too: the rows as JSON. */
function pythonCsv(bytes) {
  const f = path.join(tmp, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(f, bytes);
  const r = spawnSync('/usr/bin/python3', ['-c',
    'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f, strict=True))))', f],
  { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function csvRows(p) {
  const r = await raw(p);
  assert.equal(r.status, 200, p);
  assert.match(r.type, /^text\/csv; charset=utf-8/, p);
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${p}: UTF-8 BOM`);
  const text = r.bytes.subarray(3).toString('utf8');
  const mine = parseCsv(text);
  assert.deepEqual(pythonCsv(r.bytes), mine, `${p}: Python's csv module reads the same`);
  return { header: mine[0], rows: mine.slice(1), text };
}

async function jsonOf(p) {
  const r = await raw(p);
  assert.equal(r.status, 200, p);
  assert.match(r.type, /json; charset=utf-8/, p);
  return JSON.parse(r.bytes.toString('utf8'));
}

const KIND_LABEL = { forening: 'Förening', forvaltning: 'Förvaltning', ung: 'Ung person', annan: 'Annan' };
const STATUS_LABEL = {
  inskickad: 'Inskickad', under_bedomning: 'Under bedömning', behover_andras: 'Behöver ändras', beviljad: 'Beviljad',
  avslagen: 'Avslagen', pagar: 'Pågår', genomford: 'Genomförd', rapporterad: 'Rapporterad',
};
const YOUTH_LABEL = {
  ideer: 'Unga som skickat in testidéer', aktiviteter: 'Unga räknade på aktiviteter (nedre gräns)',
  evenemang: 'Unga som var anmälda och närvarande på evenemang', hackathon: 'Unga som var anmälda till inhabithon', totalt: 'Totalt',
};

function unescape(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The body rows of the table whose caption is `caption`, as cell texts. */
function pageTable(html, caption) {
  const at = html.indexOf(`<caption>${caption}</caption>`);
  assert.ok(at >= 0, `table "${caption}" on the page`);
  const body = html.slice(at, html.indexOf('</table>', at));
  const trs = body.split('<tbody>')[1].split('</tr>').filter((x) => /<t[hd]/.test(x));
  return trs.map((tr) => [...tr.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)]
    .map((m) => unescape(m[1].replace(/<[^>]+>/g, '')).trim()));
}

/** A page cell as the value the test expects. */
function pageValue(text, kind) {
  if (text === FEW || text === '') return text;
  if (kind === 'money') return Math.round(Number(text.replace(/[\s\u00a0kr]/g, '').replace(',', '.')) * 100);
  if (kind === 'days') return Math.round(Number(text.replace(',', '.')) * 10);
  return Number(text.replace(/[\s\u00a0%]/g, ''));
}

const TITLES = {
  unga: 'Engagerade unga per källa', ideer_status: 'Testidéer per status', ideer_inlamnare: 'Testidéer per inlämnare',
  pengar: 'Pengar per kostnadsslag', budget: 'Budget per projekt', samverkan: 'Organisationer och sektorer per aktivitet',
  samverkan_andel: 'Andel aktiviteter med fler än en sektor', samverkan_par: 'Vilka organisationer som arbetat ihop',
  moten: 'Mötena', manad: 'Per månad',
};
const MONEY = { pengar: [1, 2, 3, 4, 5, 6], budget: [1, 2, 3] };

async function compareAll(query, exp, base = '/statistik') {
  const page = await fetch(srv.base + base + query);
  assert.equal(page.status, 200);
  const html = await page.text();
  for (const [id, want0] of Object.entries(exp)) {
    const want = suppressed(id, want0);
    // JSON
    const j = await jsonOf(`${base}/${id}.json${query}`);
    assert.equal(j.tabell, id);
    const cols = j.kolumner.map((c) => c.id);
    const jrows = j.rader.map((r) => cols.map((c) => r[c]));
    const asFile = want.map((r) => r.map((v) => (typeof v === 'number' && id === 'moten' && v === -1 ? null : v)));
    const fileRows = asFile.map((r) => r.map((v, k) => (id === 'moten' && k === 7 && v !== null ? v / 10 : v)));
    assert.deepEqual(jrows, fileRows, `${base}/${id}.json${query}`);
    // CSV: the same cells as text
    const c = await csvRows(`${base}/${id}.csv${query}`);
    assert.deepEqual(c.header, cols, `${id}.csv header`);
    assert.deepEqual(c.rows, fileRows.map((r) => r.map((v, k) => (v === null ? '' : id === 'moten' && k === 7 ? v.toFixed(1) : String(v)))),
      `${base}/${id}.csv${query}`);
    // the page: the table of the same name
    const label = (v, k) => {
      if (k !== 0) return v;
      if (id === 'unga') return YOUTH_LABEL[v];
      if (id === 'ideer_status') return STATUS_LABEL[v];
      if (id === 'ideer_inlamnare') return KIND_LABEL[v];
      return v;
    };
    const shown = pageTable(html, TITLES[id]);
    const expectShown = want.length ? want.map((r) => r.map(label)) : null;
    if (!expectShown) {
      assert.equal(shown.length, 1, `${id}: one row saying there is nothing`);
      continue;
    }
    const got = shown.map((r) => r.map((v, k) => {
      if ((k === 0 && id !== 'samverkan_andel') || (id === 'samverkan_par' && k === 1)) return v;
      return pageValue(v, (MONEY[id] || []).includes(k) ? 'money' : id === 'moten' && k === 7 ? 'days' : 'n');
    }));
    const expGot = expectShown.map((r) => r.map((v) => (v === -1 ? '' : v)));
    assert.deepEqual(got, expGot, `page ${base}${query}: ${TITLES[id]}`);
  }
  return html;
}

test('every figure of the platform page, its CSV and its JSON is what the raw rows say, for all time and for periods', async () => {
  await compareAll('', expected());
  await compareAll('?ar=2022', expected({ from: '2022-01-01', to: '2022-12-31' }));
  await compareAll('?ar=2022&halvar=1', expected({ from: '2022-01-01', to: '2022-06-30' }));
  await compareAll('?fran=2022-04-01&till=2022-06-30', expected({ from: '2022-04-01', to: '2022-06-30' }));
  // what the dataset was built to show, so that a wrong count cannot pass both sides
  const e = expected({ from: '2022-04-01', to: '2022-08-31' });
  assert.deepEqual(e.unga.slice(0, 3), [['ideer', 2], ['aktiviteter', 3], ['evenemang', 2]]);
  // July–August: Ylva's ideas are outside, so the events count her; the
  // inhabithon counts Sam again (no account to match) and Tove
  await compareAll('?fran=2022-07-01&till=2022-08-31', expected({ from: '2022-07-01', to: '2022-08-31' }));
  assert.deepEqual(expected({ from: '2022-07-01', to: '2022-08-31' }).unga,
    [['ideer', 1], ['aktiviteter', 0], ['evenemang', 3], ['hackathon', 2], ['totalt', 6]]);
  // a project's figures: no events (they belong to no project), so Hugo and Ylva count at the inhabithon
  assert.deepEqual(expected({ from: '2022-07-01', to: '2022-08-31', project: PROJECT }).unga,
    [['ideer', 1], ['aktiviteter', 0], ['evenemang', 0], ['hackathon', 4], ['totalt', 5]]);
  assert.deepEqual(e.moten[0].slice(1, 8), [2, 3, 0, 0, 1, 1, 30]);
});

test('a project page counts that project only, against its target', async () => {
  const html = await compareAll('', expected({ project: PROJECT }), `/projekt/${PROJECT}/statistik`);
  const target = +one(`SELECT short_target FROM projects WHERE slug = '${PROJECT}'`);
  const total = expected({ project: PROJECT }).unga.at(-1)[1];
  const pct = Math.floor((total * 100) / target);
  assert.ok(html.includes(`<desc id="c-unga-d">Hittills ${total} av ${target} engagerade unga, ${pct} procent av målet.</desc>`),
    'the chart says the summary sentence made from the same figures');
  assert.match(html, /<svg class="chart" role="img" aria-labelledby="c-unga-t c-unga-d"/);
  assert.ok(html.includes(`>Mål ${target}</text>`), 'the target line is labelled');
  assert.ok(!html.includes('Mötena</h2>'), 'meetings are the platform\'s, not a project\'s');
  // the figures link to the public lists they count, and every link answers
  const links = new Set();
  for (const t of html.split('<table').slice(1)) for (const m of t.split('</table>')[0].matchAll(/href="([^"]+)"/g)) links.add(unescape(m[1]));
  for (const want of [`/projekt/${PROJECT}/ideer?status=rapporterad`, `/projekt/${PROJECT}/ekonomi`, `/projekt/${PROJECT}/ideer`, '/aktiviteter']) {
    assert.ok(links.has(want), `a figure links to ${want}`);
  }
  for (const l of links) assert.equal((await fetch(srv.base + l)).status, 200, l);
});

test('small counts about people are "färre än 5" on the page, in the CSV and in the JSON', async () => {
  const q = '?fran=2022-06-01&till=2022-06-30';
  // before the demo's inhabithon (17 June): the activity's three young people only
  const qy = '?fran=2022-06-01&till=2022-06-16';
  const j = await jsonOf(`/statistik/unga.json${qy}`);
  assert.deepEqual(j.rader.map((r) => r.antal), [0, FEW, 0, 0, FEW]);
  // the events' and the inhabithon's sources are suppressed as well
  const j2 = await jsonOf('/statistik/unga.json?fran=2022-07-01&till=2022-08-31');
  assert.deepEqual(j2.rader.map((r) => r.antal), [FEW, 0, FEW, FEW, 6]);
  const c = await csvRows(`/statistik/moten.csv${q}`);
  assert.equal(c.rows[0][2], FEW);
  const html = await (await fetch(`${srv.base}/statistik${qy}`)).text();
  assert.ok(html.includes(`<p class="figure" id="unga-figur">${FEW}`));
  assert.ok(html.includes(`>${FEW}</text>`), 'the chart shows the text, not a bar');
  assert.ok(!html.match(/>3<\/text>/), 'no chart label gives the three away');
  const acts = await jsonOf('/oppna-data/aktiviteter.json');
  const q2 = acts.rader.find((r) => r.titel === 'Testaktivitet Q');
  assert.equal(q2.unga_minst, FEW);
  assert.equal(q2.deltagare_minst, 7);
  const mcsv = await csvRows('/oppna-data/moten.csv');
  const row = mcsv.rows.find((r) => r[2] === '2022-06-20');
  assert.equal(row[5], FEW);
});

test('open data: public lists only, no drafts, no unpublished minutes, no names of people, the erased person gone', async () => {
  const ideas = await jsonOf('/oppna-data/ideer.json');
  const want = rawIdeas().filter((i) => i.status !== 'utkast');
  assert.deepEqual(ideas.rader.map((r) => r.id), want.map((i) => i.id));
  assert.deepEqual(ideas.rader.map((r) => r.beviljat_ore), want.map((i) => i.granted));
  const erased = ideas.rader.find((r) => r.titel === 'Erikas idé');
  assert.equal(erased.inlamnare, 'ung');
  assert.equal(erased.organisation, '');
  const meetings = await jsonOf('/oppna-data/moten.json');
  assert.deepEqual(meetings.rader.map((r) => r.id).sort((a, b) => a - b),
    rows("SELECT id FROM meetings WHERE status = 'protokoll_publicerat' ORDER BY id").map((r) => +r[0]));
  const grants = await jsonOf('/oppna-data/bidrag.json');
  assert.deepEqual(grants.rader.map((r) => r.beviljat_ore).reduce((a, b) => a + b, 0),
    +one("SELECT SUM(b.granted) FROM budget_lines b JOIN ideas i ON i.id = b.idea_id WHERE i.status <> 'utkast'"));
  // every output, every format
  const outputs = ['/statistik', `/projekt/${PROJECT}/statistik`, '/oppna-data', '/oppna-data/katalog.jsonld'];
  const cat = await jsonOf('/oppna-data/katalog.jsonld');
  for (const ds of cat['dcat:dataset']) for (const d of ds['dcat:distribution']) outputs.push(new URL(d['dcat:downloadURL']['@id']).pathname);
  for (const p of outputs) {
    const r = await raw(p);
    assert.equal(r.status, 200, p);
    const text = r.bytes.toString('utf8');
    for (const s of SECRET) assert.ok(!text.includes(s), `${p} does not say "${s}"`);
    assert.ok(!text.includes('99999900') && !text.includes('999 999'), `${p}: the draft's money is not counted`);
  }
});

test('CSV neutralises formulas; every list parses with Python\'s csv module and as JSON', async () => {
  const c = await csvRows('/oppna-data/ideer.csv');
  const f = c.rows.find((r) => r[2].includes('HYPERLINK'));
  assert.equal(f[2], '\'=HYPERLINK("http://x.example")');
  assert.ok(c.text.includes('"\'=HYPERLINK(""http://x.example"")"'));
  const g = await csvRows('/oppna-data/bidrag.csv');
  assert.ok(g.rows.some((r) => r[3].startsWith("'-Rad")), 'a description starting with - is neutralised too');
  for (const id of ['projekt', 'ideer', 'bidrag', 'aktiviteter', 'moten', 'organisationer']) {
    const cr = await csvRows(`/oppna-data/${id}.csv`);
    const j = await jsonOf(`/oppna-data/${id}.json`);
    assert.equal(cr.rows.length, j.rader.length, id);
    assert.deepEqual(cr.header, j.kolumner.map((k) => k.id), id);
  }
  const orgs = await jsonOf('/oppna-data/organisationer.json');
  assert.equal(orgs.rader.length, +one('SELECT COUNT(*) FROM organisations'));
});

test('the DCAT-AP-SE catalogue is JSON-LD naming every file, with licence, publisher, contact and frequency', async () => {
  const r = await raw('/oppna-data/katalog.jsonld');
  assert.match(r.type, /^application\/ld\+json/);
  const cat = JSON.parse(r.bytes.toString('utf8'));
  assert.equal(cat['@type'], 'dcat:Catalog');
  assert.equal(cat['@context'].dcat, 'http://www.w3.org/ns/dcat#');
  assert.equal(cat['dcterms:license']['@id'], 'http://creativecommons.org/publicdomain/zero/1.0/');
  assert.ok(cat['dcterms:publisher']['foaf:name']);
  const files = new Set();
  for (const ds of cat['dcat:dataset']) {
    assert.equal(ds['@type'], 'dcat:Dataset');
    assert.ok(ds['dcat:contactPoint']['vcard:fn']);
    assert.match(ds['dcterms:accrualPeriodicity']['@id'], /authority\/frequency\//);
    assert.ok(ds['dcterms:title'].some((t) => t['@language'] === 'sv') && ds['dcterms:title'].some((t) => t['@language'] === 'en'));
    for (const d of ds['dcat:distribution']) files.add(new URL(d['dcat:downloadURL']['@id']).pathname);
  }
  const want = [];
  for (const id of ['projekt', 'ideer', 'bidrag', 'aktiviteter', 'moten', 'organisationer']) want.push(`/oppna-data/${id}.csv`, `/oppna-data/${id}.json`);
  for (const id of Object.keys(TITLES)) want.push(`/statistik/${id}.csv`, `/statistik/${id}.json`);
  assert.deepEqual([...files].sort(), want.sort());
  // the page names every file and documents every field in both languages
  const page = await (await fetch(`${srv.base}/oppna-data`)).text();
  for (const f of want) assert.ok(page.includes(`href="${f}"`), `/oppna-data links ${f}`);
  assert.ok(page.includes('<td lang="en">Submitter.'), 'fields described in English');
  assert.ok(page.includes('<td lang="sv">Inlämnare.'), 'fields described in Swedish');
});

test('bad input: Swedish 400 and 404, never 500', async () => {
  const cases = [
    ['/statistik?fran=2022-03-01&till=2022-02-28', 400, 'Perioden slutar innan den börjar'],
    ['/statistik?fran=2023-02-29', 400, 'Skriv ett datum som finns'],
    ['/statistik?till=9999-12-31', 400, 'Skriv ett datum som finns'],
    ['/statistik?ar=1066', 400, 'Skriv året med fyra siffror'],
    ['/statistik?ar=2022&halvar=3', 400, 'Välj första eller andra halvåret'],
    ['/statistik?halvar=1', 400, 'Välj första eller andra halvåret'],
    ['/statistik?ar=%FF', 400, ''],
    ['/projekt/finns-inte/statistik', 404, ''],
    ['/projekt/finns-inte/statistik/unga.csv', 404, ''],
    ['/statistik/unga.xlsx', 400, 'Filen finns som .csv och .json'],
    ['/statistik/unga', 404, ''],
    ['/statistik/finns-inte.csv', 404, ''],
    ['/statistik/unga.csv?fran=2022-13-01', 400, 'Skriv ett datum som finns'],
    ['/oppna-data/ideer.pdf', 400, 'Filen finns som .csv och .json'],
    ['/oppna-data/hemligt.csv', 404, ''],
    ['/oppna-data/ideer', 404, ''],
  ];
  for (const [p, status, says] of cases) {
    const r = await fetch(srv.base + p);
    const text = await r.text();
    assert.equal(r.status, status, p);
    assert.match(r.headers.get('content-type'), /text\/html/, p);
    assert.ok(text.includes('lang="sv"'), `${p}: a Swedish page`);
    if (says) assert.ok(text.includes(says), `${p} says "${says}"`);
  }
  // the form comes back with its error summary first and the field marked
  const r = await fetch(`${srv.base}/statistik?fran=2022-03-01&till=2022-02-28`);
  const html = await r.text();
  assert.ok(html.indexOf('error-summary') < html.indexOf('<h1'), 'error summary before the heading');
  assert.match(html, /id="f-till"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-till"/);
});

test('the summary: a second server with SAMSKAP_STATS_MAX_AGE=300 serves a kept count until it is old', async () => {
  const cached = await startServer({ dbUrl: srv.dbUrl, env: { SAMSKAP_STATS_MAX_AGE: '300' } });
  try {
    const get = async () => (await (await fetch(`${cached.base}/statistik/ideer_status.json?ar=2021`)).json());
    const before = await get();
    const n = (j) => j.rader.reduce((s, r) => s + r.antal, 0);
    sql(srv, [`INSERT INTO ideas(project_id, title, submitter_name, status, submitted_at, created_at, updated_at)
               SELECT id, 'Sent idé', 'X', 'inskickad', ${t('2021-05-05')}, 0, 0 FROM projects WHERE slug = '${PROJECT}'`]);
    const again = await get();
    assert.equal(again.raknad, before.raknad, 'the same count, from the summary');
    assert.equal(n(again), n(before));
    assert.equal(+one("SELECT COUNT(*) FROM stats_cache WHERE key LIKE '0:2021-01-01:%'"), 1);
    // a flood of new periods: each is a count, at most two at a time; the rest are 503 with
    // Retry-After (or served), never 500
    const days = Array.from({ length: 40 }, (_, i) => `2022-01-${String((i % 28) + 1).padStart(2, '0')}`);
    const answers = await Promise.all(days.map((d, i) => fetch(`${cached.base}/statistik?fran=${d}&till=2022-12-${String((i % 28) + 1).padStart(2, '0')}`)));
    for (const a of answers) {
      assert.ok([200, 503].includes(a.status), `status ${a.status}`);
      if (a.status === 503) assert.equal(a.headers.get('retry-after'), '5');
      await a.text();
    }
    // the server without a summary counts the new idea at once
    const fresh = await (await fetch(`${srv.base}/statistik/ideer_status.json?ar=2021`)).json();
    assert.equal(n(fresh), n(before) + 1);
  } finally {
    await cached.stop();
    sql(srv, ["DELETE FROM ideas WHERE title = 'Sent idé'"]);
  }
});
