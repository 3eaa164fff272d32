// Issue 4, "Bad input": a meeting that ends before it starts (and equal
// times, times like 25:00, dates that do not exist), an agenda item that
// links an activity that does not exist, negative or absurd participant
// counts, an action item with no owner, two coordinators editing the same
// minutes (409 with both texts shown, nothing overwritten; then a save with
// the new version succeeds) — each with a clear Swedish message and nothing
// stored changing.  Plus HTML and script in every text field coming back
// escaped, invalid UTF-8 and over-long fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, inputValue, textareaValue } from '../lib/client.mjs';
import { assertNoActiveContent } from '../lib/http.mjs';
import { logProblems } from '../lib/server.mjs';
import {
  APR, EMAIL, FEB, G, GROUP, MAR, MAY, activityIds, batchUnchanged, addAction, addActivity, addFree, agendaOp, assertRefused, csrf, editMeeting,
  escapeHtml, excerpt, itemId, items, mainOf, minutesForm, newActivity, newMeeting, orgIds, personWithRole, post, postActivity,
  postMeeting, publish, readMinutesForm, saveMinutes, signedIn, sql, startGroupServer, unchanged,
} from './group_helpers.mjs';
import { NAMES } from './calls_helpers.mjs';

let srv;
let k;
let anon;
const S = {};

before(async () => {
  srv = await startGroupServer();
  k = await signedIn(srv, EMAIL.koordinator);
  anon = new Client(srv.base);
});

after(async () => {
  await srv?.stop({ allowProblems: true }); // the last test reports what the server logged
});

// ---- meetings ----

test('a meeting that ends before it starts, or when it starts, is refused with a Swedish message; nothing is stored; what was typed stays', async () => {
  await batchUnchanged(srv, 'refusals 1', async () => {
    for (const [start, slut] of [['15:30', '13:30'], ['13:30', '13:30'], ['13:30', '13:29'], ['23:59', '00:00']]) {
      const r = await unchanged(srv, `meeting ${start}–${slut}`, () => postMeeting(k, { start, slut, tema: 'Mötet som slutar för tidigt' }));
      assertRefused(r, G.endBeforeStart, { field: 'slut' });
      assert.match(r.text, /<h2>Det finns fel i formuläret<\/h2>/);
      assert.equal(inputValue(r.text, 'tema'), 'Mötet som slutar för tidigt', 'the theme was lost');
      assert.equal(inputValue(r.text, 'start'), start);
      assert.equal(inputValue(r.text, 'slut'), slut);
      assert.match(r.text, /name="slut"[^>]*aria-invalid="true"/, 'the end time is not marked invalid');
    }
  });
});

test('times that do not exist (25:00, 12:60, 24:00, 9:30, text) and dates that do not exist are refused; nothing is stored', async () => {
  await batchUnchanged(srv, 'refusals 2', async () => {
    for (const [f, v, msg] of [['start', '25:00', G.time], ['slut', '26:00', G.time], ['start', '12:60', G.time], ['slut', '24:00', G.time],
      ['start', '9:30', G.time], ['start', 'halv två', G.time], ['start', '', G.required], ['slut', '', G.required],
      ['datum', '2022-02-30', G.date], ['datum', '2023-02-29', G.date], ['datum', '2022-13-01', G.date], ['datum', '21/2 2022', G.date],
      ['datum', '2022-2-21', G.date], ['datum', '', G.required]]) {
      const r = await unchanged(srv, `meeting ${f}=${v}`, () => postMeeting(k, { [f]: v, tema: 'Ett tema' }));
      assertRefused(r, msg, { field: f });
      if (v.length <= 5) assert.equal(inputValue(r.text, f), v, `${f} as typed was lost`);
    }
  });
  // a real leap day is fine
  const ok = await postMeeting(k, { datum: '2024-02-29', tema: 'Skottdagen' });
  assert.equal(ok.status, 303, excerpt(ok));
});

test('a wrong time with letters (13:3ö, halv två) comes back as typed, in valid UTF-8, with the time message', async () => {
  await batchUnchanged(srv, 'refusals 3', async () => {
    for (const v of ['13:3ö', 'halv två']) {
      const token = await csrf(k, `/grupper/${GROUP}/nytt-mote`);
      const res = await unchanged(srv, `start ${v}`, () => fetch(`${srv.base}/grupper/${GROUP}/nytt-mote`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: k.cookieHeader(), 'x-forwarded-for': k.ip, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, datum: '2022-06-13', start: v, slut: '15:30', tema: 'T' }).toString(),
      }));
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 400);
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      let valid = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { valid = false; }
      const tag = (text.match(/<input\b[^>]* name="start"[^>]*>/) || [''])[0];
      assert.ok(valid, `the page is not valid UTF-8 after start="${v}" (the time is cut to 5 bytes): ${tag}`);
      assert.ok(text.includes(escapeHtml(G.time)), `start="${v}": no time message`);
      assert.equal(inputValue(text, 'start'), v, `start="${v}" came back as "${inputValue(text, 'start')}"`);
    }
  });
});

test('"13.30" as the seeds write it is accepted or refused as a time, never as a meeting that ends before it starts', async () => {
  const r = await postMeeting(k, { datum: '2022-11-14', start: '13.30', slut: '15.30', tema: 'Punkt i tiden' });
  if (r.status === 303) {
    const id = r.location.match(/\/moten\/(\d+)/)[1];
    assert.equal(sql(srv, [`SELECT start_time, end_time FROM meetings WHERE id = ${id}`]).trim(), '13:30|15:30');
    return;
  }
  assert.equal(r.status, 400);
  assert.ok(!r.text.includes(escapeHtml(G.endBeforeStart)),
    'a meeting from 13.30 to 15.30 is refused with "Mötet kan inte sluta innan det börjar" (parse_hm accepts HH.MM, meeting_times_ok does not)');
  assert.ok(r.text.includes(escapeHtml(G.time)), excerpt(r));
});

test('changing a meeting to end before it starts is refused; the stored meeting stays as it was', async () => {
  const r = await unchanged(srv, 'edit with end before start', () => editMeeting(k, APR, { start: '15:30', slut: '13:30', tema: 'Ändrat tema' }));
  assertRefused(r, G.endBeforeStart, { field: 'slut' });
  assert.equal(inputValue(r.text, 'tema'), 'Ändrat tema');
  const d = await unchanged(srv, 'edit with an impossible date', () => editMeeting(k, APR, { datum: '2022-04-31' }));
  assertRefused(d, G.date, { field: 'datum' });
});

test('meetings that do not exist are 404', async () => {
  for (const p of ['/moten/999999', '/moten/0', '/moten/-1', '/moten/abc', '/moten/99999999999999999999', '/moten/999999/utskrift',
    '/grupper/finns-inte']) {
    const r = await anon.get(p);
    assert.equal(r.status, 404, `${p}: ${r.status}`);
  }
  for (const p of ['/moten/999999/redigera', '/moten/999999/dagordning', '/moten/999999/protokoll', '/grupper/finns-inte/nytt-mote']) {
    const r = await k.get(p);
    assert.equal(r.status, 404, `${p}: ${r.status}`);
  }
  const r = await unchanged(srv, 'minutes of a missing meeting', () => post(k, '/moten/999999/protokoll', { version: '1' }, '/aktiviteter'));
  assert.equal(r.status, 404);
});

// ---- the agenda ----

test('an agenda item that links an activity that does not exist is refused with a Swedish message; nothing is stored', async () => {
  S.m = await newMeeting(k, { datum: '2022-06-20', tema: 'Dåliga data' });
  const path = `/moten/${S.m}/dagordning`;
  await batchUnchanged(srv, 'refusals 4', async () => {
    for (const [v, msg] of [['999999', G.activityMissing], ['0', 'Talet ligger utanför det tillåtna intervallet.'], ['-3', 'Talet ligger utanför det tillåtna intervallet.'],
      ['abc', G.notNumber], ['', G.requiredChoice], ['1 OR 1=1', G.notNumber]]) {
      const r = await unchanged(srv, `activity ${v}`, () => post(k, path, { atgard: 'aktivitet', aktivitet: v, presentator: 'Någon' }));
      assertRefused(r, msg, { field: 'aktivitet' });
    }
  });
  const none = await unchanged(srv, 'free item without title', () => addFree(k, S.m, ''));
  assertRefused(none, G.required, { field: 'rubrik' });
  const sec = await unchanged(srv, 'free item in a section that does not exist', () => addFree(k, S.m, 'En punkt', { section: 'hemlig' }));
  assertRefused(sec, G.choice);
  await batchUnchanged(srv, 'refusals 5', async () => {
    for (const f of [{}, { atgard: 'radera-allt' }, { atgard: 'upp', punkt: 'abc' }, { atgard: 'ned' }]) {
      const r = await unchanged(srv, `agenda ${JSON.stringify(f)}`, () => post(k, path, f));
      assert.equal(r.status, 400, `${JSON.stringify(f)}: ${excerpt(r)}`);
    }
  });
});

test('a refused agenda item keeps what was typed (nothing lost)', async () => {
  const long = `Punkt ${'x'.repeat(200)}`;
  const r = await unchanged(srv, 'over-long item title', () => addFree(k, S.m, long, { presenter: 'Amanda Ricketts' }));
  assertRefused(r, G.tooLong, { field: 'rubrik' });
  assert.equal(inputValue(r.text, 'rubrik'), long, 'the title typed is gone from the form');
  assert.equal(inputValue(r.text, 'presentator2'), 'Amanda Ricketts', 'the presenter typed is gone from the form');
});

// ---- participant counts ----

test('negative or absurd participant counts are refused with a Swedish message; nothing is stored; what was typed stays', async () => {
  const orgs = await orgIds(k);
  await batchUnchanged(srv, 'refusals 6', async () => {
    for (const [field, v] of [['deltagare', '-5'], ['deltagare', '100001'], ['deltagare', 'abc'], ['deltagare', '17–16'], ['deltagare', '17-16'],
      ['deltagare', '16–17–18'], ['deltagare', '10 av 12'], ['deltagare', '99999999999'], ['unga', '-1'], ['unga', '1e3'], ['deltagare', '−5']]) {
      const r = await unchanged(srv, `${field}=${v}`, () => postActivity(k, { titel: 'Räknad aktivitet', [field]: v }, [orgs.Helsam]));
      assertRefused(r, G.count, { field });
      assert.equal(inputValue(r.text, field), v, `${field} as typed was lost`);
      assert.equal(inputValue(r.text, 'titel'), 'Räknad aktivitet');
      assert.match(r.text, new RegExp(`value="${orgs.Helsam}" checked`), 'the ticked organisation was lost');
    }
  });
  const more = await unchanged(srv, 'more young people than participants', () => postActivity(k, { titel: 'Fler unga än alla', deltagare: '10', unga: '16–17' }));
  assertRefused(more, G.youthOverTotal, { field: 'unga' });
  // the same on an existing activity
  const julfest = (await activityIds(k, APR))['Julfest i Hasslarp/Kattarp'];
  const ed = await k.get(`/aktiviteter/${julfest}/redigera`);
  assert.equal(ed.status, 200);
  assert.equal(inputValue(ed.text, 'unga'), '16–17');
  const body = new URLSearchParams();
  for (const m of ed.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.append(m[1], m[2]);
  for (const n of ['titel', 'presentator', 'fran', 'till', 'deltagare', 'aterkoppling_datum']) body.append(n, inputValue(ed.text, n) ?? '');
  for (const n of ['andra_org', 'rapport', 'resultat', 'aterkoppling', 'nasta_steg', 'lankar', 'deltagarkonton']) body.append(n, textareaValue(ed.text, n) ?? '');
  body.append('status', 'genomford');
  for (const m of ed.text.matchAll(/name="org" value="(\d+)" checked/g)) body.append('org', m[1]);
  body.append('unga', '-5');
  const bad = await unchanged(srv, 'editing a count to -5', () => k.postRaw(`/aktiviteter/${julfest}/redigera`, body));
  assertRefused(bad, G.count, { field: 'unga' });
});

test('counts as people write them are stored as numbers: "16-17", "16 – 17 barn", "0", "100000"', async () => {
  for (const [v, min, max, shown] of [['16-17', 16, 17, '16–17'], ['16 – 17 barn', 16, 17, '16–17'], ['0', 0, 0, '0'], [' 12 ', 12, 12, '12'],
    ['100000', 100000, 100000, /^100\s000$/]]) {
    const id = await newActivity(k, { titel: `Räknat ${v}`, deltagare: v });
    assert.equal(sql(srv, [`SELECT total_min, total_max FROM activities WHERE id = ${id}`]).trim(), `${min}|${max}`, v);
    const p = await anon.get(`/aktiviteter/${id}`);
    const dd = p.text.match(/<dt>Deltagare totalt<\/dt><dd>([^<]*)<\/dd>/);
    assert.ok(dd, `${v}: no participant count on the page`);
    const txt = dd[1].replace(/&nbsp;|&#160;/g, '\u00a0');
    if (shown instanceof RegExp) assert.match(txt, shown);
    else assert.equal(txt, shown);
  }
});

// ---- action items ----

test('an action item with no owner is refused with a Swedish message; nothing is stored; what was typed stays', async () => {
  const what = 'Ta fram ett underlag om utmaningarna inför inhabithon.';
  await batchUnchanged(srv, 'refusals 7', async () => {
    for (const owner of ['', '   ']) {
      const r = await unchanged(srv, `action owner "${owner}"`, () => addAction(k, APR, { org: '', owner, what }));
      assertRefused(r, G.actionOwner, { field: 'agare' });
      assert.equal(textareaValue(r.text, 'vad'), what, 'what to do was lost');
    }
  });
  const items4 = items(srv, APR);
  const febItem = itemId(srv, FEB, 'Renovering av besöksrum');
  await batchUnchanged(srv, 'refusals 8', async () => {
    for (const [f, msg, field] of [[{ org: '999999' }, G.choice, 'agare_org'], [{ org: 'abc' }, G.notNumber, 'agare_org'],
      [{ owner: 'Helsam', item: String(febItem) }, G.choice, 'punkt'], [{ owner: 'Helsam', due: '2022-06-31' }, G.date, 'senast'],
      [{ owner: 'Helsam', due: '1900-01-01' }, G.dateRange, 'senast'], [{ owner: 'Helsam', due: '2100-01-01' }, G.dateRange, 'senast'],
      [{ owner: 'Helsam', due: 'i morgon' }, G.date, 'senast'], [{ owner: 'Helsam', what: '' }, G.required, 'vad'],
      [{ owner: 'Helsam', what: 'x'.repeat(501) }, G.tooLong, 'vad'], [{ owner: 'H'.repeat(300) }, G.tooLong, 'agare']]) {
      const r = await unchanged(srv, `action ${JSON.stringify(f).slice(0, 80)}`, () => addAction(k, APR, { what, ...f }));
      assertRefused(r, msg, { field });
    }
  });
  assert.ok(items4.length > 0);
});

test('marking an action item done at a meeting that does not exist is a clear refusal, not a server error', async () => {
  const id = Number(sql(srv, ["SELECT id FROM action_items WHERE what LIKE 'Helsam ska göra en kartläggning%'"]).trim());
  await batchUnchanged(srv, 'refusals 9', async () => {
    for (const mote of ['999999', 'abc', '-1']) {
      const r = await unchanged(srv, `done at meeting ${mote}`, () => post(k, `/atgarder/${id}/klar`, { mote }, '/aktiviteter'));
      assert.equal(r.status, 400, `mote=${mote}: ${excerpt(r)}`);
    }
  });
  const r = await unchanged(srv, 'done for a missing action item', () => post(k, '/atgarder/999999/klar', { mote: String(APR) }, '/aktiviteter'));
  assert.equal(r.status, 404, excerpt(r));
  // an item already done, with a meeting that does not exist: not sent on to a page that does not exist
  const done = await unchanged(srv, 'done again at meeting -1', () => post(k, '/atgarder/999999/klar', { mote: '-1' }, '/aktiviteter'));
  assert.equal(done.status, 400, excerpt(done));
});

// ---- two coordinators on the same minutes ----

test('two coordinators edit the same minutes: the later save is refused with 409, both texts shown, nothing overwritten; then a save with the new version succeeds', async () => {
  const k2 = await personWithRole(srv, 'koordinator', 'Vera Tvåa');
  S.k2 = k2;
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  const mine = await minutesForm(k, APR);
  const theirs = await minutesForm(k2, APR);
  assert.equal(mine.version, theirs.version);
  const first = await saveMinutes(k, APR, { items: { [item]: { text: 'Kim: Verdandi berättade om jullovet.' } }, attendance: 'Kim Karlsson, Socialförvaltningen' });
  assert.equal(first.status, 303, excerpt(first));
  const stored = () => sql(srv, [`SELECT minutes FROM agenda_items WHERE id = ${item}`, `SELECT minutes_version, minutes_by FROM meetings WHERE id = ${APR}`]).trim();
  const afterFirst = stored();
  assert.equal(afterFirst, `Kim: Verdandi berättade om jullovet.\n${mine.version + 1}|${NAMES.koordinator}`);
  // Vera saves from the editor she opened before Kim saved
  const late = await unchanged(srv, 'the later save', () => saveMinutes(k2, APR, {
    items: { [item]: { text: 'Vera: rapporten kommer i maj.', questions: 'Vem följer upp?' } }, attendance: 'Vera Tvåa, Helsam (digitalt)',
  }, theirs));
  assert.equal(late.status, 409, `the later save was not refused: ${excerpt(late)}`);
  assert.equal(stored(), afterFirst, 'the later save overwrote the earlier');
  assert.ok(late.text.includes(G.conflictTitle), 'no conflict message');
  assert.ok(late.text.includes(`${G.conflictBy} ${NAMES.koordinator}`), 'it does not say who saved in between');
  assert.ok(late.text.includes(G.theirText), 'the other person\'s text is not shown');
  assert.ok(late.text.includes('Kim: Verdandi berättade om jullovet.'), 'Kim\'s text is not shown');
  const again = readMinutesForm(late.text);
  assert.equal(again.item[item].text, 'Vera: rapporten kommer i maj.', 'Vera\'s own text is not kept in the form');
  assert.equal(again.item[item].questions.trim(), 'Vem följer upp?');
  assert.equal(again.attendance.trim(), 'Vera Tvåa, Helsam (digitalt)', 'Vera\'s attendance was lost');
  assert.equal(again.version, mine.version + 1, 'the conflict form does not carry the new version');
  // Vera merges and saves with the new version: accepted
  const merged = await saveMinutes(k2, APR, { items: { [item]: { text: 'Kim: Verdandi berättade om jullovet.\n\nVera: rapporten kommer i maj.' } } }, again);
  assert.equal(merged.status, 303, excerpt(merged));
  assert.equal(stored(), `Kim: Verdandi berättade om jullovet.\n\nVera: rapporten kommer i maj.\n${mine.version + 2}|Vera Tvåa`);
  // Kim, still on his old editor, is now the one refused
  const kimLate = await unchanged(srv, 'Kim\'s stale save', () => saveMinutes(k, APR, { items: { [item]: { text: 'Kim igen.' } } }, mine));
  assert.equal(kimLate.status, 409);
  assert.ok(kimLate.text.includes(`${G.conflictBy} Vera Tvåa`));
});

test('two saves of the same version at the same moment: one wins, the other gets 409, nothing is mixed', async () => {
  const k2 = S.k2;
  const meeting = MAR;
  const target = items(srv, MAR)[0].id;
  const a = await minutesForm(k, meeting);
  const b = await minutesForm(k2, meeting);
  const [ra, rb] = await Promise.all([
    saveMinutes(k, meeting, { items: { [target]: { text: 'Samtidigt A' } } }, a),
    saveMinutes(k2, meeting, { items: { [target]: { text: 'Samtidigt B' } } }, b),
  ]);
  const codes = [ra.status, rb.status].sort();
  assert.deepEqual(codes, [303, 409], `statuses ${codes}`);
  const text = sql(srv, [`SELECT minutes FROM agenda_items WHERE id = ${target}`]).trim();
  assert.equal(text, ra.status === 303 ? 'Samtidigt A' : 'Samtidigt B');
  assert.equal(Number(sql(srv, [`SELECT minutes_version FROM meetings WHERE id = ${meeting}`]).trim()), a.version + 1);
});

test('a save without a version, or with a version that is not a number, is refused; nothing is stored', async () => {
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  await batchUnchanged(srv, 'refusals 10', async () => {
    for (const version of ['', 'abc', '-1', '0']) {
      const r = await unchanged(srv, `version "${version}"`, () => saveMinutes(k, APR, { version, items: { [item]: { text: 'Utan version' } } }));
      assert.equal(r.status, 400, `version "${version}": ${excerpt(r)}`);
    }
  });
  const future = await unchanged(srv, 'a version from the future', () => saveMinutes(k, APR, { version: '999', items: { [item]: { text: 'Framtid' } } }));
  assert.equal(future.status, 409);
});

// ---- minutes text ----

test('minutes: over-long texts, too many questions, a personal identity number, control characters are refused; nothing is stored', async () => {
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  const cases = [
    [{ text: 'x'.repeat(20001) }, G.tooLong, `text-${item}`],
    [{ questions: 'q'.repeat(8001) }, G.tooLong, `fragor-${item}`],
    [{ questions: Array.from({ length: 31 }, (_, i) => `Fråga ${i + 1}?`).join('\n') }, 'Det är för många rader.', `fragor-${item}`],
    [{ text: 'Ring Kim på 19811218-9876 om det.' }, G.pnr, `text-${item}`],
    [{ text: 'Ett\u0007pip' }, G.control, `text-${item}`],
  ];
  await batchUnchanged(srv, 'refusals 11', async () => {
    for (const [change, msg, field] of cases) {
      const r = await unchanged(srv, `minutes ${field}`, () => saveMinutes(k, APR, { items: { [item]: change } }));
      assertRefused(r, msg, { field });
    }
  });
  const att = await unchanged(srv, 'over-long attendance line', () => saveMinutes(k, APR, { attendance: `${'N'.repeat(121)}, Helsam` }));
  assertRefused(att, G.tooLong, { field: 'narvaro' });
  const many = await unchanged(srv, '201 attendees', () => saveMinutes(k, APR, { attendance: Array.from({ length: 201 }, (_, i) => `Person ${i}`).join('\n') }));
  assertRefused(many, 'Det är för många rader.', { field: 'narvaro' });
  // 20 000 characters of å fit (characters, not bytes)
  const ok = await saveMinutes(k, APR, { items: { [item]: { text: 'å'.repeat(20000) } } });
  assert.equal(ok.status, 303, excerpt(ok));
  assert.equal(sql(srv, [`SELECT LENGTH(minutes) FROM agenda_items WHERE id = ${item}`]).trim(), '20000');
});

// ---- invalid UTF-8 and over-long fields elsewhere ----

test('invalid UTF-8 in the meeting, agenda, minutes, action and activity forms is refused with a Swedish message; nothing is stored', async () => {
  const bad = '%C3%28%FF%FE';
  const token = await csrf(k, `/grupper/${GROUP}/nytt-mote`);
  const cases = [
    [`/grupper/${GROUP}/nytt-mote`, `datum=2022-06-27&start=13%3A30&slut=15%3A30&plats=&adress=&digitalt=&beskrivning=&tema=${bad}`, 'tema'],
    [`/moten/${APR}/redigera`, `datum=2022-04-25&start=13%3A30&slut=15%3A30&plats=${bad}&adress=&digitalt=&tema=T&beskrivning=`, 'plats'],
    [`/moten/${APR}/dagordning`, `atgard=punkt&del=punkt&rubrik=${bad}&presentator2=`, 'rubrik'],
    [`/moten/${APR}/atgarder`, `agare_org=&agare=Helsam&vad=${bad}&senast=&punkt=`, 'vad'],
    ['/aktiviteter/ny', `titel=${bad}&status=planerad`, 'titel'],
    ['/aktiviteter/ny', `titel=OK&status=planerad&rapport=${bad}`, 'rapport'],
  ];
  await batchUnchanged(srv, 'refusals 12', async () => {
    for (const [path, tail, field] of cases) {
      const r = await unchanged(srv, `invalid UTF-8 to ${path}`, () => k.postBody(path, `_csrf=${token}&${tail}`));
      assertRefused(r, G.encoding, { field });
    }
  });
  const f = await minutesForm(k, APR);
  const item = f.ids[0];
  const body = `_csrf=${token}&version=${f.version}&text-${item}=${bad}&fragor-${item}=&narvaro=`;
  const r = await unchanged(srv, 'invalid UTF-8 in minutes', () => k.postBody(`/moten/${APR}/protokoll`, body));
  assertRefused(r, G.encoding, { field: `text-${item}` });
});

test('over-long fields in the meeting and activity forms are refused; exactly the limit is fine', async () => {
  await batchUnchanged(srv, 'refusals 13', async () => {
    for (const [f, n] of [['tema', 301], ['plats', 201], ['adress', 201], ['digitalt', 2001], ['beskrivning', 2001]]) {
      const r = await unchanged(srv, `meeting ${f} of ${n}`, () => postMeeting(k, { [f]: 'ö'.repeat(n) }));
      assertRefused(r, G.tooLong, { field: f });
    }
  });
  const ok = await postMeeting(k, { datum: '2022-12-12', tema: 'ö'.repeat(300), plats: 'å'.repeat(200) });
  assert.equal(ok.status, 303, excerpt(ok));
  await batchUnchanged(srv, 'refusals 14', async () => {
    for (const [f, n] of [['titel', 201], ['presentator', 201], ['rapport', 8001], ['resultat', 8001], ['aterkoppling', 8001], ['nasta_steg', 8001]]) {
      const r = await unchanged(srv, `activity ${f} of ${n}`, () => postActivity(k, { titel: 'Lång', [f]: 'ä'.repeat(n) }));
      assertRefused(r, G.tooLong, { field: f });
    }
  });
  const link = await unchanged(srv, 'a javascript: link', () => postActivity(k, { titel: 'Länkar', lankar: 'javascript:alert(1) Film' }));
  assertRefused(link, G.website, { field: 'lankar' });
  const nobody = await unchanged(srv, 'an unknown participant', () => postActivity(k, { titel: 'Deltagare', deltagarkonton: 'finns.inte@example.org' }));
  assertRefused(nobody, 'Det finns inget konto med den e-postadressen.', { field: 'deltagarkonton' });
  const free = await unchanged(srv, 'item title of 201', () => addFree(k, APR, 'å'.repeat(201)));
  assertRefused(free, G.tooLong, { field: 'rubrik' });
  assert.equal((await addFree(k, APR, 'å'.repeat(200))).status, 303);
});

// ---- HTML and script come back escaped ----

const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&amp;<a href="javascript:alert(3)">x</a>`;

test('HTML and script in every text field come back escaped on every page that shows it', async () => {
  const m = await newMeeting(k, {
    datum: '2022-06-27', plats: `Plats ${XSS}`, adress: `Adress ${XSS}`, digitalt: `Digitalt ${XSS}`, tema: `Tema ${XSS}`, beskrivning: `Beskrivning ${XSS}`,
  });
  const act = await newActivity(k, {
    titel: `Aktivitet ${XSS}`.slice(0, 200), presentator: `Presentatör ${XSS}`, rapport: `Rapport ${XSS}`, resultat: `Resultat ${XSS}`,
    aterkoppling: `Återkoppling ${XSS}`, nasta_steg: `Nästa ${XSS}`, andra_org: `Förening ${XSS}`.slice(0, 100), lankar: `https://example.org/film Film ${XSS}`,
    deltagare: '3', unga: '2',
  });
  assert.equal((await addActivity(k, m, act, `Berättare ${XSS}`)).status, 303);
  assert.equal((await addFree(k, m, `Punkt ${XSS}`.slice(0, 200), { presenter: `Vem ${XSS}` })).status, 303);
  assert.equal((await addFree(k, m, `Övrigt ${XSS}`.slice(0, 200), { section: 'ovrigt' })).status, 303);
  const ids = items(srv, m).map((x) => x.id);
  const saved = await saveMinutes(k, m, {
    items: Object.fromEntries(ids.map((id) => [id, { text: `Protokoll ${XSS}`, questions: `Fråga ${XSS}` }])),
    attendance: `Namn ${XSS}, Org ${XSS}`.replace(/\n/g, ' '),
  });
  assert.equal(saved.status, 303, excerpt(saved));
  assert.equal((await addAction(k, m, { owner: `Ägare ${XSS}`.slice(0, 100), what: `Åtgärd ${XSS}`, item: ids[0] })).status, 303);
  assert.equal((await publish(k, m)).status, 303);
  const next = await newMeeting(k, { datum: '2022-07-04', tema: 'Efter' });
  const pages = [`/moten/${m}`, `/moten/${m}/utskrift`, `/moten/${m}/utskrift?del=protokoll`, `/grupper/${GROUP}`, `/moten/${next}`,
    `/aktiviteter/${act}`, '/aktiviteter'];
  const coordPages = [`/moten/${m}/redigera`, `/moten/${m}/dagordning`, `/moten/${m}/protokoll`, `/moten/${next}/protokoll`, `/aktiviteter/${act}/redigera`];
  const esc = escapeHtml('<script>alert(1)</script>');
  for (const p of pages) {
    const r = await anon.get(p);
    assert.equal(r.status, 200, p);
    assertNoActiveContent(r.text, p);
    assert.ok(r.text.includes(esc), `${p}: the escaped text is not shown`);
  }
  for (const p of coordPages) {
    const r = await k.get(p);
    assert.equal(r.status, 200, p);
    assertNoActiveContent(r.text, p);
    assert.ok(r.text.includes(esc), `${p}: the escaped text is not shown`);
  }
  // each field, one by one, on the meeting page
  const page = (await anon.get(`/moten/${m}`)).text;
  for (const label of ['Plats', 'Adress', 'Digitalt', 'Tema', 'Beskrivning', 'Berättare', 'Punkt', 'Vem', 'Övrigt', 'Protokoll', 'Fråga', 'Namn', 'Org', 'Åtgärd', 'Ägare']) {
    assert.ok(page.includes(`${escapeHtml(label)} ${esc}`), `the meeting page does not show "${label} <script>…" escaped`);
  }
  // the feed carries the text as text
  const ics = await (await fetch(`${srv.base}/grupper/${GROUP}/moten.ics`)).text();
  assert.ok(ics.includes('Tema <script>alert(1)</script>'), 'the theme is not in the feed as plain text');
});

test('the server logged no errors of its own', () => {
  const problems = logProblems(srv.log());
  assert.deepEqual(problems, [], `the server logged:\n${problems.join('\n')}`);
});
