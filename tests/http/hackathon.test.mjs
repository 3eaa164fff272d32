// Issue 11, the inhabithon, over HTTP against the real binary: a weekend
// from registration to a winner that continues as a test idea, with the
// permissions and bad input of each step:
//   - a rubric with a negative weight or weights summing to zero is refused;
//   - registering signed in takes a place at once; without an account the
//     e-mail's link confirms (double opt-in through the outbox and the SMTP
//     sink); the same address twice is refused; past the capacity the
//     waiting list; a young person outside 13–18 or under 15 without a
//     guardian is refused;
//   - a team's size limit, one team per person, coaches;
//   - submissions only by team members, locked after the deadline;
//   - scores outside 0–4, missing, by an excluded (conflicted) member,
//     before judging and after it closed are refused; a changed score is an
//     update in the audit log;
//   - scores, the ranking, comments and the CSV stay hidden until judging
//     closes — for anonymous visitors, participants, coaches, other jury
//     members and the coordinator;
//   - closing publishes the winners on the hackathon page and in the Atom
//     feed; a winner becomes a test idea in the open call in one action and
//     the team gets the e-mail; a second time is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, hiddenFields } from '../lib/client.mjs';
import { PNG, TEXT_AS_PNG } from './calls_helpers.mjs';
import { atomEntries } from '../lib/http.mjs';
import {
  EMAIL, H, OPEN, addChallenge, hackFields, newHack, personWithRole, phase, scoreFields, signedIn, sql, sqlInt,
  startCallsServer, submissionId, teamIds, waitMail, youthFields, mails,
} from './hackathon_helpers.mjs';

let srv;
let k; // the coordinator
let anon;

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  anon = new Client(srv.base);
});

/** The CSRF token of a signed-in client (from the sign-out form every page has). */
function csrfOf(c) {
  return c.csrf('/', '/logga-ut');
}

after(async () => {
  await srv?.stop();
});

test('a rubric with a negative weight or weights summing to zero is refused, and nothing is stored', async () => {
  const before = sqlInt(srv, 'SELECT COUNT(*) FROM hackathons');
  let r = await newHack(k, { weights: [['Behov', '-1'], ['Effekt', '2']], expectStatus: true });
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.weightNegative));
  r = await newHack(k, { weights: [['Behov', '0'], ['Effekt', '0']], expectStatus: true });
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.weightSum));
  r = await newHack(k, { weights: [['Behov', 'tre']], expectStatus: true });
  assert.equal(r.status, 400);
  assert.equal(sqlInt(srv, 'SELECT COUNT(*) FROM hackathons'), before);
  // only coordinators create one
  const young = await signedIn(srv, EMAIL.ungdom);
  assert.equal((await young.get('/inhabithon/ny')).status, 403);
});

test('the weekend: registration, teams, submissions, a weighted jury, hidden scores, winners and a test idea', async () => {
  const project = sqlInt(srv, `SELECT id FROM projects WHERE slug = '${OPEN}'`);
  const slug = await newHack(k, { capacity: 4, teamMax: 2, project });
  const seg = await addChallenge(k, slug, 'Segregation');
  const psy = await addChallenge(k, slug, 'Psykisk ohälsa');

  // registration is not open while planned
  const a = await personWithRole(srv, null, `Alva Ung ${Date.now()}`);
  assert.equal((await a.get(`/inhabithon/${slug}/anmalan`)).status, 400);
  await phase(k, slug, 'anmalan');

  // a young person out of range, and under 15 without a guardian
  let r = await a.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields({ fodelsear: String(new Date().getFullYear() - 12) }));
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.youthAge));
  r = await a.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields({ fodelsear: String(new Date().getFullYear() - 14) }));
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.guardian));
  // a challenge ranked twice
  r = await a.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields({ 'val-1': seg, 'val-2': seg }));
  assert.equal(r.status, 400);

  r = await a.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields({ 'val-1': seg, 'val-2': psy }));
  assert.equal(r.status, 303);
  r = await a.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, youthFields());
  assert.equal(r.status, 400, 'registering twice');
  assert.match(r.text, new RegExp(H.registered));

  // without an account: double opt-in by e-mail
  const email = `gast.${Date.now()}@example.org`;
  r = await anon.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { namn: 'Gäst Gästsson', epost: email, typ: 'invanare' });
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations WHERE email = '${email}' AND status = 'bekraftas'`), 1);
  const [mail] = await waitMail(srv, { to: email, subject: 'Bekräfta din anmälan' });
  const link = mail.body.match(/https?:\/\/\S+\/inhabithon\/\S+\/bekrafta\?t=([A-Za-z0-9_-]+)/);
  assert.ok(link, `no confirmation link in:\n${mail.body}`);
  const path = `/inhabithon/${slug}/bekrafta?t=${link[1]}`;
  const guest = new Client(srv.base);
  r = await guest.submit(path, `/inhabithon/${slug}/bekrafta`, {});
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations WHERE email = '${email}' AND status = 'anmald'`), 1);
  r = await guest.submit(path, `/inhabithon/${slug}/bekrafta`, {});
  assert.equal(r.status, 400, 'a used link confirms nothing');
  r = await anon.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { namn: 'Igen', epost: email, typ: 'invanare' });
  assert.equal(r.status, 400);

  // the guest signs up with the same address: the account is linked when they take part (below)
  const guestAccount = new Client(srv.base);
  r = await guestAccount.submit('/registrera', '/registrera', { namn: 'Gäst Gästsson', epost: email, losenord: 'ett-langt-losenord-1', losenord2: 'ett-langt-losenord-1' });
  assert.equal(r.status, 303);

  // two more participants fill the capacity of 4; the fifth waits
  const b = await personWithRole(srv, null, `Bo Deltagare ${Date.now()}`);
  const c = await personWithRole(srv, null, `Cleo Deltagare ${Date.now()}`);
  const d = await personWithRole(srv, null, `Dan Deltagare ${Date.now()}`);
  for (const p of [b, c]) {
    r = await p.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' });
    assert.equal(r.status, 303);
  }
  r = await d.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' });
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT registered FROM hackathons WHERE slug = '${slug}'`), 4);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations r JOIN hackathons h ON h.id = r.hackathon_id WHERE h.slug = '${slug}' AND r.status = 'vantelista'`), 1);

  // the organisers' list: who registered, with their needs; nobody else sees it
  const regs = await k.get(`/inhabithon/${slug}/anmalningar`);
  assert.equal(regs.status, 200);
  assert.match(regs.text, /Väntelista/);
  assert.match(regs.text, /1\. Segregation, 2\. Psykisk ohälsa/);
  assert.equal((await a.get(`/inhabithon/${slug}/anmalningar`)).status, 403);
  const sug = (await k.get(`/inhabithon/${slug}/lag`)).text;
  assert.match(sug, new RegExp(`<h3>Förslag på lag</h3>[\\s\\S]*<li><strong>Segregation</strong>: [^<]*${a.name}`));

  // teams: a creates, b joins, c finds it full; the waiting person cannot join
  r = await a.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag`, { namn: 'Lag Broar', utmaning: seg });
  assert.equal(r.status, 303);
  r = await c.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag`, { namn: 'Lag Broar', utmaning: psy });
  assert.equal(r.status, 400, 'a team name twice');
  let teams = await teamIds(a, slug);
  const t1 = teams['Lag Broar'];
  r = await b.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag/${t1}/ga-med`);
  assert.equal(r.status, 303);
  const cCsrf = await csrfOf(c);
  r = await c.postRaw(`/inhabithon/${slug}/lag/${t1}/ga-med`, { _csrf: cCsrf });
  assert.equal(r.status, 409, 'the team is full');
  assert.match(r.text, new RegExp(H.teamFull));
  r = await c.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag`, { namn: 'Lag Samtal', utmaning: psy });
  assert.equal(r.status, 303);
  teams = await teamIds(a, slug);
  const t2 = teams['Lag Samtal'];
  const aCsrf = await csrfOf(a);
  r = await a.postRaw(`/inhabithon/${slug}/lag/${t2}/ga-med`, { _csrf: aCsrf });
  assert.equal(r.status, 400, 'joining a second team');
  assert.match(r.text, new RegExp(H.oneTeam));
  const dCsrf = await csrfOf(d);
  r = await d.postRaw(`/inhabithon/${slug}/lag/${t2}/ga-med`, { _csrf: dCsrf });
  assert.equal(r.status, 403, 'on the waiting list: no team');

  // names on the teams page: to those taking part, not to anyone signed in
  const outsider = await signedIn(srv, EMAIL.forening);
  assert.doesNotMatch((await outsider.get(`/inhabithon/${slug}/lag`)).text, new RegExp(a.name));
  assert.doesNotMatch((await anon.get(`/inhabithon/${slug}/lag`)).text, new RegExp(a.name));
  assert.match((await b.get(`/inhabithon/${slug}/lag`)).text, new RegExp(a.name));

  // the guest (registered without an account, signed up since) joins team 2 and is linked
  r = await guestAccount.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag/${t2}/ga-med`);
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations r JOIN users u ON u.id = r.user_id WHERE r.email = '${email}' AND u.email = '${email}'`), 1);
  const regsNow = await k.get(`/inhabithon/${slug}/lag`);
  assert.doesNotMatch(regsNow.text, /Gäst Gästsson \(har inget konto ännu\)/);

  // a coach takes team 1; the organisers' view says team 2 has none
  const coach = await personWithRole(srv, 'coach', `Coach Cecilia ${Date.now()}`);
  r = await coach.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag/${t1}/coach`);
  assert.equal(r.status, 303);
  const kt = await k.get(`/inhabithon/${slug}/lag`);
  const noCoach = kt.text.match(/<h3>Lag utan coach<\/h3>\n<ul>\n([\s\S]*?)<\/ul>/);
  assert.ok(noCoach && noCoach[1].includes('Lag Samtal') && !noCoach[1].includes('Lag Broar'), 'teams without a coach');

  // submissions: only while running, only by members
  r = await a.postRaw(`/inhabithon/${slug}/lag/${t1}/bidrag`, { _csrf: await csrfOf(a), problem: 'x', malgrupp: 'y', losning: 'z' });
  assert.equal(r.status, 409, 'a submission before the hackathon runs');
  await phase(k, slug, 'pagar');
  const sub = { problem: 'Unga i olika stadsdelar möts sällan.', malgrupp: 'Unga 13–18 år', losning: 'Gemensamma filmkvällar', prototyp: 'Affisch', lankar: '', testa_forst: 'En kväll på Söder' };
  r = await a.submit(`/inhabithon/${slug}/lag/${t1}/bidrag`, `/inhabithon/${slug}/lag/${t1}/bidrag`, sub);
  assert.equal(r.status, 303);
  r = await c.submit(`/inhabithon/${slug}/lag/${t2}/bidrag`, `/inhabithon/${slug}/lag/${t2}/bidrag`, { ...sub, problem: 'Ensamhet bland unga.', losning: 'Pratcafé på nätet' });
  assert.equal(r.status, 303);
  const cSub = await csrfOf(c);
  r = await c.postRaw(`/inhabithon/${slug}/lag/${t1}/bidrag`, { _csrf: cSub, ...sub });
  assert.equal(r.status, 403, 'not in the team');
  r = await c.submit(`/inhabithon/${slug}/lag/${t2}/bidrag`, `/inhabithon/${slug}/lag/${t2}/bidrag`, { ...sub, problem: '' });
  assert.equal(r.status, 400);
  const s1 = submissionId(srv, t1);
  const s2 = submissionId(srv, t2);

  // the prototype's files: checked by their content; read by the team (and by everyone after the results)
  const upload = async (cl, team, data, type, name) => {
    const page = `/inhabithon/${slug}/lag/${team}/bidrag`;
    const action = `/inhabithon/${slug}/lag/${team}/fil`;
    const fd = new FormData();
    for (const [k2, v2] of Object.entries(hiddenFields((await cl.get(page)).text, action))) fd.append(k2, v2);
    fd.append('namn', 'Affischen');
    fd.append('fil', new Blob([data], { type }), name);
    return cl.request('POST', action, { body: fd });
  };
  r = await upload(a, t1, TEXT_AS_PNG, 'image/png', 'affisch.png');
  assert.equal(r.status, 400, 'text that calls itself a PNG');
  assert.match(r.text, /Filen måste vara en PDF, JPEG eller PNG/);
  r = await upload(a, t1, PNG, 'image/png', 'affisch.png');
  assert.equal(r.status, 303);
  const fileId = sqlInt(srv, `SELECT id FROM hack_files WHERE submission_id = ${s1}`);
  r = await b.get(`/inhabithon/${slug}/fil/${fileId}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  assert.match(r.headers.get('content-disposition'), /attachment/);
  assert.equal((await anon.get(`/inhabithon/${slug}/fil/${fileId}`)).status, 404);
  assert.equal((await c.get(`/inhabithon/${slug}/fil/${fileId}`)).status, 403, 'another team');

  // the jury: two members, one with a conflict of interest with team 1
  const j1 = await personWithRole(srv, 'jurymedlem', `Jury Jonna ${Date.now()}`);
  const j2 = await personWithRole(srv, 'jurymedlem', `Jury Jamal ${Date.now()}`);
  const j3 = await personWithRole(srv, 'jurymedlem', `Jury Jäv ${Date.now()}`);
  for (const j of [j1, j2, j3]) {
    r = await k.submit(`/inhabithon/${slug}/jury`, `/inhabithon/${slug}/jury`, { epost: j.email });
    assert.equal(r.status, 303);
  }
  const org = sqlInt(srv, 'SELECT MIN(id) FROM organisations');
  sql(srv, [`INSERT INTO org_representatives(org_id, user_id) SELECT ${org}, id FROM users WHERE email IN ('${j3.email}', '${b.email}')`]);
  // before judging: no scoring
  r = await j1.get(`/inhabithon/${slug}/jury/${s1}`);
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(H.scoringClosed));

  await phase(k, slug, 'bedomning');
  // the deadline is past as far as the phase goes: locked
  r = await a.postRaw(`/inhabithon/${slug}/lag/${t1}/bidrag`, { _csrf: await csrfOf(a), ...sub });
  assert.equal(r.status, 409, 'a submission in judging');
  assert.match(r.text, new RegExp(H.locked));
  const fields = scoreFields((await j1.get(`/inhabithon/${slug}/jury/${s1}`)).text);
  assert.equal(fields.length, 2);
  const score = (j, s, vals, comment = '') => j.submit(`/inhabithon/${slug}/jury/${s}`, `/inhabithon/${slug}/jury/${s}`,
    { [fields[0]]: String(vals[0]), [fields[1]]: String(vals[1]), kommentar: comment });
  r = await score(j1, s1, [5, 2]);
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.scoreRange));
  r = await j1.submit(`/inhabithon/${slug}/jury/${s1}`, `/inhabithon/${slug}/jury/${s1}`, { [fields[0]]: '3' });
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(H.scoreMissing));
  r = await j3.get(`/inhabithon/${slug}/jury/${s1}`);
  assert.equal(r.status, 403, 'conflict of interest');
  assert.match(r.text, new RegExp(H.conflict));
  const j3list = await j3.get(`/inhabithon/${slug}/jury`);
  assert.equal((j3list.text.match(/Jäv – du bedömer inte detta bidrag/g) || []).length, 1, 'excluded from team 1 only');
  assert.doesNotMatch(j3list.text, new RegExp(`href="/inhabithon/${slug}/jury/${s1}"`));
  assert.match(j3list.text, new RegExp(`href="/inhabithon/${slug}/jury/${s2}"`));
  const participantScore = await a.get(`/inhabithon/${slug}/jury/${s1}`);
  assert.equal(participantScore.status, 403, 'a participant is not on the jury');

  // j1: team 1 (4,4), team 2 (0,2);  j2: team 1 (2,2) then changed to (1,1), team 2 (3,3)
  assert.equal((await score(j1, s1, [4, 4], 'Starkt behov.')).status, 303);
  assert.equal((await score(j1, s2, [0, 2], 'Bra idé, svår att genomföra.')).status, 303);
  assert.equal((await score(j2, s1, [2, 2])).status, 303);
  assert.equal((await score(j2, s2, [3, 3], 'Tydlig målgrupp.')).status, 303);
  assert.equal((await score(j2, s1, [1, 1], 'Behöver mer arbete.')).status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM audit_log WHERE action = 'inhabithon.poang_andra' AND subject = 'bidrag:${s1}'`), 1);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_scores WHERE submission_id IN (${s1}, ${s2})`), 8);

  // organisers see the progress (counts, not scores); jury members do not
  const kj = await k.get(`/inhabithon/${slug}/jury`);
  assert.match(kj.text, new RegExp(`${j1.name} – har bedömt 2 / 2 bidrag`));
  assert.match(kj.text, new RegExp(`${j3.name} – har bedömt 0 / 2 bidrag`));
  assert.doesNotMatch((await j2.get(`/inhabithon/${slug}/jury`)).text, /har bedömt/);

  // hidden until judging closes: nobody sees the scores or the comments
  const hiddenFrom = { anonymous: anon, participant: a, coach, 'other jury member': j2, coordinator: k };
  for (const [who, cl] of Object.entries(hiddenFrom)) {
    for (const p of [`/inhabithon/${slug}/resultat`, `/inhabithon/${slug}/resultat.csv`]) {
      const res = await cl.get(p);
      assert.equal(res.status, 403, `${who}: ${p}`);
      assert.match(res.text, new RegExp(H.hidden));
      assert.doesNotMatch(res.text, /Starkt behov|Tydlig målgrupp/);
    }
    const page = await cl.get(`/inhabithon/${slug}`);
    assert.doesNotMatch(page.text, /Starkt behov|Tydlig målgrupp|Vinnare/, `${who}: the hackathon page`);
  }
  // the other jury member's form shows only their own scores, not j1's comment
  const j2form = await j2.get(`/inhabithon/${slug}/jury/${s1}`);
  assert.doesNotMatch(j2form.text, /Starkt behov/);
  assert.match(j2form.text, /Behöver mer arbete/);
  const teamPage = await coach.get(`/inhabithon/${slug}/lag/${t1}/bidrag`);
  assert.doesNotMatch(teamPage.text, /Starkt behov/);

  // closing the judging publishes the ranking
  await phase(k, slug, 'resultat');
  r = await j1.postRaw(`/inhabithon/${slug}/jury/${s1}`, { _csrf: await csrfOf(j1), [fields[0]]: '0', [fields[1]]: '0' });
  assert.equal(r.status, 409, 'scoring after the judging closed');
  // z-scores: j1 scored 4,4,0,2 (mean 2.5, sd √2.75 ≈ 1.658); j2 1,1,3,3 (mean 2, sd 1)
  // team 1: j1 (1.5/1.658) = 0.905, j2 −1 → (0.905 − 1)/2 = −0.048
  // team 2: j1 (3/4·−2.5 + 1/4·−0.5)/1.658 = −1.206, j2 +1 → −0.103
  // so team 1 first (−0,05 > −0,10); raw: team 1 (4 + 1)/2 = 2,50, team 2 (0,5 + 3)/2 = 1,75
  const res = await anon.get(`/inhabithon/${slug}/resultat`);
  assert.equal(res.status, 200);
  const body = res.text.match(/<tbody>([\s\S]*?)<\/tbody>/)[1];
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const c = [...m[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((x) => x[1].replace(/<[^>]+>/g, '').trim());
    return { rank: c[0], team: c[1].replace(/ \(vinnare\)$/, ''), norm: c[3], raw: c[4], n: c[5] };
  });
  assert.deepEqual(rows.map((x) => x.team), ['Lag Broar', 'Lag Samtal']);
  assert.equal(rows[0].norm, '−0,05');
  assert.equal(rows[1].norm, '−0,10');
  assert.equal(rows[0].raw, '2,50');
  assert.equal(rows[1].raw, '1,75');
  assert.match(res.text, /Starkt behov\./);
  assert.match(res.text, /Tydlig målgrupp\./);
  assert.doesNotMatch(res.text, /Jury Jonna|Jury Jamal/, 'comments without names');
  assert.match(res.text, new RegExp(`href="/inhabithon/${slug}/fil/${fileId}" download>Affischen</a> \\(PNG`));
  assert.equal((await anon.get(`/inhabithon/${slug}/fil/${fileId}`)).status, 200, 'public with the results');
  const csv = await anon.get(`/inhabithon/${slug}/resultat.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], 'kriterium,vikt');
  assert.equal(lines[1], 'Behov och användarnas röst,3');
  assert.equal(lines.filter((l) => /^\d+,Lag /.test(l)).length, 8);
  const hp = await anon.get(`/inhabithon/${slug}`);
  assert.match(hp.text, /<h2 id="vinnare">Vinnare<\/h2>\n<ol>\n<li><strong>Lag Broar<\/strong>/);
  const feed = await anon.get('/nyheter.atom');
  assert.ok(atomEntries(feed.text).some((e) => /Vinnarna i Inhabithon/.test(e.title) && /Lag Broar/.test(e.content)), 'an Atom entry names the winners');

  // the winner continues as a test idea; the team is told by e-mail
  const notWinner = await k.get(`/inhabithon/${slug}/resultat`);
  assert.equal((notWinner.text.match(/\/testide"/g) || []).length, 1, 'one button, for the winner');
  r = await k.submit(`/inhabithon/${slug}/resultat`, `/inhabithon/${slug}/bidrag/${s1}/testide`);
  assert.equal(r.status, 303);
  const idea = r.location.match(/^\/ideer\/(\d+)$/);
  assert.ok(idea, r.location);
  const ideaPage = await k.get(r.location);
  assert.match(ideaPage.text, /Lag Broar – Segregation/);
  assert.match(ideaPage.text, /Gemensamma filmkvällar/);
  assert.match(ideaPage.text, new RegExp(`/inhabithon/${slug}/resultat`));
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM idea_partners WHERE idea_id = ${idea[1]}`) +
    sqlInt(srv, `SELECT COUNT(*) FROM ideas WHERE id = ${idea[1]} AND org_id = ${org}`), 1, 'the team\'s organisation stays with the idea');
  await waitMail(srv, { to: a.email, subject: H.ideaMail });
  await waitMail(srv, { to: b.email, subject: H.ideaMail });
  r = await k.postRaw(`/inhabithon/${slug}/bidrag/${s1}/testide`, { _csrf: await csrfOf(k) });
  assert.equal(r.status, 409, 'a second test idea from the same submission');
  assert.ok(mails(srv.maildir).length > 0);

  // what we store about a person: the registration and team, and a jury member's scores
  const ea = await a.get('/konto/mina-uppgifter.json');
  assert.equal(ea.status, 200);
  const da = JSON.parse(ea.text).delar;
  assert.equal(da.inhabithon_anmalningar.rader[0].som, 'ungdom');
  assert.equal(da.inhabithon_lag.rader[0].lag, 'Lag Broar');
  assert.ok(!da.inhabithon_anmalningar.vad.startsWith('export.'));
  const dj = JSON.parse((await j1.get('/konto/mina-uppgifter.json')).text).delar;
  assert.ok(dj.inhabithon_bedomningar.rader.some((x) => x.kriterium === 'kommentar' && x.poang === 'Starkt behov.'));
  assert.equal(dj.inhabithon_bedomningar.rader.filter((x) => x.kriterium !== 'kommentar').length, 4);
  const dg = JSON.parse((await d.get('/konto/mina-uppgifter.json')).text).delar;
  assert.equal(dg.inhabithon_anmalningar.rader[0].status, 'vantelista');
});

test('a submission after the deadline is refused and nothing is stored', async () => {
  const slug = await newHack(k, { deadline: '2022-06-19', time: '13:00' });
  const ch = await addChallenge(k, slug, 'Ungdomskriminalitet');
  await phase(k, slug, 'anmalan');
  const p = await personWithRole(srv, null, `Sen Deltagare ${Date.now()}`);
  assert.equal((await p.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' })).status, 303);
  assert.equal((await p.submit(`/inhabithon/${slug}/lag`, `/inhabithon/${slug}/lag`, { namn: 'Sent lag', utmaning: ch })).status, 303);
  await phase(k, slug, 'pagar');
  const t = (await teamIds(p, slug))['Sent lag'];
  const page = await p.get(`/inhabithon/${slug}/lag/${t}/bidrag`);
  assert.match(page.text, /Bidraget är låst|Sista inlämning har passerat/);
  const csrf = await csrfOf(p);
  const r = await p.postRaw(`/inhabithon/${slug}/lag/${t}/bidrag`, { _csrf: csrf, problem: 'a', malgrupp: 'b', losning: 'c' });
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(H.locked));
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_submissions WHERE team_id = ${t}`), 0);
});

test('bad input answers in Swedish, never 500', async () => {
  const slug = await newHack(k, {});
  await phase(k, slug, 'anmalan');
  // invalid UTF-8 in a field
  const csrf = await anon.csrf(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`);
  let r = await anon.postBody(`/inhabithon/${slug}/anmalan`, `_csrf=${csrf}&namn=%FF%FE&epost=a%40example.org&typ=invanare`);
  assert.equal(r.status, 400);
  r = await anon.postBody(`/inhabithon/${slug}/anmalan`, `_csrf=${csrf}&namn=Ann&epost=inte-en-adress&typ=annan`);
  assert.equal(r.status, 400);
  assert.match(r.text, /Det finns fel i formuläret/);
  // unknown pages and ids
  assert.equal((await anon.get('/inhabithon/finns-inte')).status, 404);
  assert.equal((await k.get(`/inhabithon/${slug}/jury/abc`)).status, 403, 'the coordinator is not on the jury');
  const bad = await anon.get(`/inhabithon/${slug}/bekrafta?t=%3Cscript%3E`);
  assert.equal(bad.status, 400);
  // a phase jump and an unknown phase
  const fasCsrf = await k.csrf(`/inhabithon/${slug}`, `/inhabithon/${slug}/fas`);
  r = await k.postRaw(`/inhabithon/${slug}/fas`, { _csrf: fasCsrf, till: 'resultat' });
  assert.equal(r.status, 409);
  r = await k.postRaw(`/inhabithon/${slug}/fas`, { _csrf: fasCsrf, till: 'hemligt' });
  assert.equal(r.status, 400);
  // a participant may not move the phase
  const young = await signedIn(srv, EMAIL.ungdom);
  r = await young.postRaw(`/inhabithon/${slug}/fas`, { _csrf: await csrfOf(young), till: 'pagar' });
  assert.equal(r.status, 403, 'phase by a participant');
});

test('organisers edit the hackathon: weights and the open call; not below the places taken; the rubric fixed once judging begins', async () => {
  const slug = await newHack(k, { capacity: 5 });
  const name = (await anon.get(`/inhabithon/${slug}`)).text.match(/<h1>([^<]*)<\/h1>/)[1];
  const project = sqlInt(srv, `SELECT id FROM projects WHERE slug = '${OPEN}'`);
  const edit = (opts, extra = {}) => k.submit(`/inhabithon/${slug}/redigera`, `/inhabithon/${slug}/redigera`,
    { ...hackFields({ name, ...opts }), ...extra });
  let r = await edit({ capacity: 5, project, weights: [['Behov', '1'], ['Effekt', '4']] },
    { 'kriterium-2-beskrivning': 'Vad förändras för dem det gäller?' });
  assert.equal(r.status, 303);
  let page = await anon.get(`/inhabithon/${slug}`);
  assert.match(page.text, /<strong>Effekt<\/strong> – vikt 4 \(80 %\): Vad förändras för dem det gäller\?/);
  assert.equal(sqlInt(srv, `SELECT project_id FROM hackathons WHERE slug = '${slug}'`), project);
  await phase(k, slug, 'anmalan');
  const p1 = await personWithRole(srv, null, `Plats Ett ${Date.now()}`);
  const p2 = await personWithRole(srv, null, `Plats Två ${Date.now()}`);
  for (const p of [p1, p2]) assert.equal((await p.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' })).status, 303);
  r = await edit({ capacity: 1, project, weights: [['Behov', '1'], ['Effekt', '4']] },
    { 'kriterium-2-beskrivning': 'Vad förändras för dem det gäller?' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Antalet platser kan inte vara lägre än antalet anmälda/);
  assert.equal((await p1.get(`/inhabithon/${slug}/redigera`)).status, 403);
  await phase(k, slug, 'pagar');
  await phase(k, slug, 'bedomning');
  r = await edit({ capacity: 5, project, weights: [['Behov', '1'], ['Effekt', '4']] });
  assert.equal(r.status, 400, 'a description is part of the rubric too');
  assert.match(r.text, /kan inte ändras när bedömningen har börjat/);
  r = await edit({ capacity: 6, project, weights: [['Behov', '1'], ['Effekt', '4']] },
    { 'kriterium-2-beskrivning': 'Vad förändras för dem det gäller?' });
  assert.equal(r.status, 303, 'other things may still change');
  page = await anon.get(`/inhabithon/${slug}`);
  assert.match(page.text, /2 \/ 6/);
});

test('withdrawing gives the place to the first on the waiting list, who is told by e-mail', async () => {
  const slug = await newHack(k, { capacity: 1 });
  await phase(k, slug, 'anmalan');
  const p1 = await personWithRole(srv, null, `Först Anmäld ${Date.now()}`);
  const p2 = await personWithRole(srv, null, `Väntar Länge ${Date.now()}`);
  for (const p of [p1, p2]) assert.equal((await p.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' })).status, 303);
  let page = await p2.get(`/inhabithon/${slug}`);
  assert.match(page.text, /Din anmälan[\s\S]*Väntelista/);
  page = await p1.get(`/inhabithon/${slug}`);
  assert.match(page.text, /Din anmälan[\s\S]*Har plats/);
  assert.doesNotMatch(page.text, new RegExp(`href="/inhabithon/${slug}/anmalan"`), 'no second registration offered');
  let r = await p1.submit(`/inhabithon/${slug}`, `/inhabithon/${slug}/avanmalan`);
  assert.equal(r.status, 303);
  await waitMail(srv, { to: p2.email, subject: 'En plats blev ledig' });
  page = await p2.get(`/inhabithon/${slug}`);
  assert.match(page.text, /Din anmälan[\s\S]*Har plats/);
  assert.equal(sqlInt(srv, `SELECT registered FROM hackathons WHERE slug = '${slug}'`), 1);
  r = await p1.postRaw(`/inhabithon/${slug}/avanmalan`, { _csrf: await csrfOf(p1) });
  assert.equal(r.status, 400, 'not registered any more');
  // and may register again (the place is taken: the waiting list)
  r = await p1.submit(`/inhabithon/${slug}/anmalan`, `/inhabithon/${slug}/anmalan`, { typ: 'invanare' });
  assert.equal(r.status, 303);
  assert.equal(sqlInt(srv, `SELECT COUNT(*) FROM hack_registrations r JOIN users u ON u.id = r.user_id WHERE u.email = '${p1.email}' AND r.status = 'vantelista'`), 1);
});
