// Issue 4, the demo data: the development group's meetings reproduce seeds
// 000–002.  The 21 February 2022 meeting (time, place, Webex, every agenda
// item with its organisations in parentheses as in seed 001, the minutes,
// ProQvi's and Verdandi's reports marked missing); 21 March with both
// carried over from February, ProQvi's panel talk reported (10 people),
// the questions and the action item "Helsam ska göra en kartläggning …";
// the open action item on the 25 April and 16 May agendas; the group page
// with the upcoming meetings and their themes; activities with participant
// counts as numbers ("16–17"); the print views; the iCalendar feed read by
// python3-icalendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import { assertNoActiveContent, assertSecurityHeaders } from '../lib/http.mjs';
import {
  APR, FEB, GROUP, G, MAR, MAY, escapeHtml, itemId, items, mainOf, meetingPage, parseAgenda, parseIcs, parseMinutes,
  sql, startGroupServer, textOf,
} from './group_helpers.mjs';

let srv;
let anon;

before(async () => {
  srv = await startGroupServer();
  anon = new Client(srv.base);
});

after(async () => {
  await srv?.stop();
});

/** "Renovering av besöksrum (Framtidsverkstaden, Erikshjälpen)": the
 *  title and the organisations in parentheses, joined by ", " or " och ". */
function assertItem(list, title, orgs, what) {
  const it = list.find((x) => x.text.startsWith(title));
  assert.ok(it, `${what}: no item "${title}" in: ${list.map((x) => x.text).join(' | ')}`);
  if (orgs.length) {
    const joined = orgs.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(${joined.join('(?:, | och )')}\\)`);
    assert.match(it.text, re, `${what}: "${title}" without its organisations (${orgs.join(', ')}) in parentheses`);
    for (const o of orgs) assert.match(it.html, new RegExp(`<a href="/organisationer/[a-z0-9-]+">${escapeHtml(o)}</a>`), `${what}: ${o} not linked`);
  }
  return it;
}

test('the group page: the meetings of 25 April and 16 May with their themes (planned, their day passed: awaiting minutes), the past ones, members and contacts', async () => {
  const r = await anon.get(`/grupper/${GROUP}`);
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  const main = mainOf(r.text);
  assert.match(main, /<h1>Gemensam utvecklingsgrupp<\/h1>/);
  // "upcoming" is by date: the demo's planned meetings of 2022 are not
  const up = main.slice(main.indexOf('<h2>Kommande möten</h2>'), main.indexOf('<h2>Tidigare möten</h2>'));
  assert.match(up, /Inga möten är inplanerade just nu\./);
  const waiting = main.slice(main.indexOf('<h2>Väntar på protokoll</h2>'), main.indexOf('<h2>Tidigare möten</h2>'));
  const planned = [...waiting.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]));
  assert.equal(planned.length, 2, `awaiting minutes: ${planned.join(' | ')}`);
  assert.match(planned[0], /^måndag 25 april 2022, 13\.30–15\.30 – Skaparverkstad och guidade vandringar under H22 City Expo/);
  assert.match(planned[0], /en chans för föreningar att visa upp sin verksamhet och kreativiteten och kompetensen hos brukare, medlemmar och besökare/);
  assert.match(planned[1], /^måndag 16 maj 2022, 13\.30–15\.30 – Gemensamma insatser på H22 City Expo och deltagarengagemang/);
  assert.match(planned[1], /hur kan vi inkludera våra gemensamma målgrupper\?$/);
  const past = main.slice(main.indexOf('<h2>Tidigare möten</h2>'));
  assert.doesNotMatch(past, new RegExp(`href="/moten/(${APR}|${MAY})"`));
  assert.match(past, new RegExp(`<a href="/moten/${MAR}">måndag 21 mars 2022</a>, (?:<span class="nowrap">)?13\\.30–15\\.30(?:</span>)? – Omställning från socialtjänst till sociala tjänster`));
  assert.match(past, new RegExp(`<a href="/moten/${FEB}">måndag 21 februari 2022</a>, (?:<span class="nowrap">)?13\\.30–15\\.30(?:</span>)? – Delaktighet och samskapande med ungdomar`));
  assert.ok(past.indexOf(`/moten/${MAR}"`) < past.indexOf(`/moten/${FEB}"`), 'past meetings not newest first');
  for (const org of ['ProQvi', 'Verdandi', 'Helsam', 'Invasam', 'Framtidsverkstaden', 'Fritid Helsingborg', 'Byabetan', 'Invånarlab']) {
    assert.match(main, new RegExp(`<li><a href="/organisationer/[a-z0-9-]+">${org}</a></li>`), `member ${org} missing`);
  }
  assert.match(main, /David Bergström/);
  assert.match(main, new RegExp(`href="/grupper/${GROUP}/moten\\.ics"`));
  assert.match(main, new RegExp(`href="/grupper/${GROUP}/foresla-tema"`));
  // a resident sees no coordinator tools
  assert.doesNotMatch(main, /nytt-mote|\/forslag"/);
  // /grupper with one group leads to it
  const list = await anon.get('/grupper');
  assert.equal(list.status, 303);
  assert.equal(list.location, `/grupper/${GROUP}`);
});

test('21 February 2022: time, place, Webex and theme as in seed 001', async () => {
  const { html } = await meetingPage(anon, FEB);
  const main = mainOf(html);
  assert.match(main, /<h1>Gemensam utvecklingsgrupp 21 februari 2022<\/h1>/);
  const facts = textOf(main.match(/<dl class="facts">([\s\S]*?)<\/dl>/)[1]);
  assert.match(facts, /Tid måndag 21 februari 2022, 13\.30–15\.30/);
  assert.match(facts, /Plats Fontänhuset Helsingborg, Norra strandgatan 8/);
  assert.match(facts, /Digitalt Webex/);
  assert.match(facts, /Tema Delaktighet och samskapande med ungdomar/);
  assert.match(facts, /Status Protokoll publicerat/);
});

test('21 February 2022: every agenda item of seed 001 with its organisations in parentheses, and övriga frågor', async () => {
  const { agenda } = await meetingPage(anon, FEB);
  const w = 'agenda of 21 February';
  assertItem(agenda.main, 'Renovering av besöksrum', ['Framtidsverkstaden', 'Erikshjälpen'], w);
  assertItem(agenda.main, 'Panelsamtal om hbtqi och identitet', ['ProQvi'], w);
  assertItem(agenda.main, 'Förebyggande ungdomsprojekt på Söder', ['Helsam', 'Invasam'], w);
  assertItem(agenda.main, 'Julfest i Hasslarp/Kattarp', ['Fritid Helsingborg', 'Byabetan'], w);
  assertItem(agenda.main, 'Jullovsaktiviteter för yngre barn', ['Verdandi'], w);
  // seed 000's minutes also report Ungdomsreportrar för intern kontroll
  assertItem(agenda.main, 'Ungdomsreportrar för intern kontroll', [], w);
  assertItem(agenda.other, 'Minecraftprojekt på Planteringen', ['Invånarlab'], `${w}, övriga frågor`);
  assertItem(agenda.other, 'Digitala sociala tjänster på H22 City Expo', [], `${w}, övriga frågor`);
  assert.equal(agenda.other.length, 2);
  assert.equal(agenda.followups.length, 0, 'no action items were open before the first meeting');
  for (const it of agenda.main) assert.doesNotMatch(it.text, /Flyttad hit/, 'nothing was carried to the first meeting');
});

test('21 February 2022: the minutes of seed 000, with ProQvi\'s and Verdandi\'s reports marked missing', async () => {
  const { minutes } = await meetingPage(anon, FEB);
  const by = (t) => {
    const s = minutes.find((m) => m.title.startsWith(t));
    assert.ok(s, `no minutes for "${t}": ${minutes.map((m) => m.title).join(' | ')}`);
    return s;
  };
  assert.match(by('Ungdomsreportrar för intern kontroll').text, /Culturagymnasiet.*biobiljetter/);
  assert.match(by('Julfest i Hasslarp/Kattarp').text, /Sju ungdomar skapade en julfest i Hasslarp\/Kattarp tillsammans med föreningen Byabetan.*16–17 barn och unga kom/);
  assert.match(by('Renovering av besöksrum').text, /Nadine Flatt och Framtidsverkstaden jobbar med aktiviteter för ungdomar på Adolfsberg.*social ångest/);
  assert.match(by('Förebyggande ungdomsprojekt på Söder').text, /Alexander Ström från Fryshuset.*fotbollsturnering/);
  assert.match(by('Minecraftprojekt på Planteringen').text, /Invånarlab på Planteringen.*Raus Planterings skola.*stadsbyggnadsförvaltningen/);
  assert.match(by('Digitala sociala tjänster på H22 City Expo').text, /Space to Innovate.*OmMej.*Digital tolk.*IoT.*SES \(Samarbete efter skilsmässa\)/);
  for (const t of ['Panelsamtal om hbtqi och identitet', 'Jullovsaktiviteter för yngre barn']) {
    assert.ok(by(t).text.includes(G.missingPublic), `${t}: not marked missing in the minutes`);
    assert.match(by(t).html, /<p class="missing">/);
  }
  for (const t of ['Renovering av besöksrum', 'Julfest i Hasslarp/Kattarp', 'Minecraftprojekt på Planteringen']) {
    assert.ok(!by(t).text.includes(G.missingPublic), `${t}: marked missing`);
  }
  // stored: exactly those two marked missing
  const missing = items(srv, FEB).filter((i) => i.missing).map((i) => i.title).sort();
  assert.deepEqual(missing, ['Jullovsaktiviteter för yngre barn', 'Panelsamtal om hbtqi och identitet']);
});

test('21 March 2022: ProQvi\'s and Verdandi\'s items carried over from the meeting of 21 februari 2022', async () => {
  const { agenda, minutes } = await meetingPage(anon, MAR);
  for (const t of ['Panelsamtal om hbtqi och identitet', 'Jullovsaktiviteter för yngre barn']) {
    const it = agenda.main.find((x) => x.text.startsWith(t));
    assert.ok(it, `"${t}" is not on the March agenda`);
    assert.ok(it.text.includes(`${G.carried} 21 februari 2022`), `"${t}" not shown as carried over from 21 februari 2022: ${it.text}`);
    assert.match(it.html, new RegExp(`<a href="/moten/${FEB}">21 februari 2022</a>`));
    const sec = minutes.find((m) => m.title.startsWith(t));
    assert.ok(sec.text.includes(`${G.carried} 21 februari 2022`), `the minutes of "${t}" do not say it was carried over`);
  }
  // stored: the copies point back at February's items
  const feb = items(srv, FEB);
  for (const it of items(srv, MAR).filter((i) => i.carried_from)) {
    const from = feb.find((f) => f.id === it.carried_from);
    assert.ok(from && from.missing && from.title === it.title, `March item ${it.title} carried from ${it.carried_from}`);
  }
  assert.equal(items(srv, MAR).filter((i) => i.carried_from).length, 2);
  assert.match(agenda.main.map((x) => x.text).join('\n'), /Omställning från socialtjänst till sociala tjänster – Emilia Nordström och Amanda Ricketts/);
  for (const t of ['Pratcafé på Söder', 'Skåneveckan för psykisk hälsa', 'Föreningsfrukost på 107:an']) {
    assert.ok(agenda.other.some((x) => x.text.startsWith(t)), `övriga frågor of March without ${t}`);
  }
});

test('21 March 2022: ProQvi\'s panel talk reported (10 participants); Verdandi missing again', async () => {
  const { minutes } = await meetingPage(anon, MAR);
  const panel = minutes.find((m) => m.title.startsWith('Panelsamtal om hbtqi och identitet'));
  assert.ok(!panel.text.includes(G.missingPublic), 'the panel talk is still marked missing in March');
  assert.match(panel.text, /den 19 mars/);
  assert.match(panel.text, /10 personer deltog på plats och några via nätet/);
  assert.match(panel.text, /Det behövs tid för att skapa relationer och få ungdomar att öppna upp sig\./);
  const link = panel.html.match(/<a href="\/aktiviteter\/(\d+)">/);
  assert.ok(link, 'no link to the activity from the minutes');
  const act = await anon.get(`/aktiviteter/${link[1]}`);
  assert.equal(act.status, 200);
  assert.match(textOf(mainOf(act.text)), /Deltagare totalt 10(?!\d)/, 'the activity does not show 10 participants as a number');
  const verdandi = minutes.find((m) => m.title.startsWith('Jullovsaktiviteter för yngre barn'));
  assert.ok(verdandi.text.includes(G.missingPublic), 'Verdandi not marked missing in March');
});

test('21 March 2022: the questions (röster) of seed 002', async () => {
  const { minutes } = await meetingPage(anon, MAR);
  const all = minutes.map((m) => m.html).join('\n');
  const q = [...all.matchAll(/<h4>Frågor och röster<\/h4>\n<ul>([\s\S]*?)<\/ul>/g)].flatMap((m) => [...m[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => textOf(x[1])));
  for (const re of [/^Kan vi göra ett underlag som förklarar vad utmaningen är/, /^Finns det någon sammanställning av vilka sociala tjänster som finns/,
    /^Föreningarna är lite osäkra på hur de kan vara med och bidra under H22 City Expo/, /digitalt utanförskap\?$/,
    /^Helsam är gärna med och samverkar om Skåneveckan/, /^Brottsofferjouren/, /^Run For Mental Health/, /^Schizofreniföreningen/]) {
    assert.ok(q.some((x) => re.test(x)), `question ${re} missing; have: ${q.join(' | ')}`);
  }
  const omst = minutes.find((m) => m.title.startsWith('Omställning från socialtjänst till sociala tjänster'));
  assert.match(omst.text, /inhabithon 17–19 juni/);
  assert.match(omst.text, /Kan vi göra ett underlag/, 'the questions of the Omställning item are not under it');
});

test('21 March 2022: the action item "Helsam ska göra en kartläggning …", under the item it was raised at', async () => {
  const { minutes } = await meetingPage(anon, MAR);
  const with_ = minutes.filter((m) => m.text.includes('Helsam ska göra en kartläggning bland sina medlemsföreningar'));
  assert.equal(with_.length, 1, 'the action item is not in the minutes exactly once');
  assert.match(with_[0].html, /<li>Helsam ska göra en kartläggning bland sina medlemsföreningar, för att sammanställa vilka aktiviteter och insatser de erbjuder\. <strong class="tag[^"]*">öppen<\/strong><\/li>/);
  // seed 002 raises it among the röster of "Omställning från socialtjänst till
  // sociala tjänster", not under ProQvi's panel talk
  assert.equal(with_[0].title, 'Omställning från socialtjänst till sociala tjänster',
    `the action item is filed under "${with_[0].title}"`);
});

test('the open action items of March appear on the agendas of 25 April and 16 May; Verdandi is carried on to April', async () => {
  for (const id of [APR, MAY]) {
    const { agenda, minutes } = await meetingPage(anon, id);
    const helsam = agenda.followups.find((x) => x.text.includes('Helsam ska göra en kartläggning'));
    assert.ok(helsam, `meeting ${id}: the open Helsam action item is not on the agenda`);
    assert.match(helsam.text, /\(från mötet 21 mars 2022\) öppen$/);
    assert.ok(agenda.followups.some((x) => x.text.includes('Omtanke Helsingborg och vård- och omsorgsförvaltningen')),
      `meeting ${id}: the Omtanke action item is not followed up`);
    assert.equal(minutes.length, 0, `meeting ${id}: minutes shown for a planned meeting`);
  }
  const apr = (await meetingPage(anon, APR)).agenda;
  const v = apr.main.find((x) => x.text.startsWith('Jullovsaktiviteter för yngre barn (Verdandi)'));
  assert.ok(v, 'Verdandi\'s report, missing again in March, is not on the April agenda');
  assert.ok(v.text.includes(`${G.carried} 21 mars 2022`), v.text);
  assert.equal(items(srv, MAY).length, 0, 'May has agenda items nobody put there');
  // the chain: April's copy comes from March's, which comes from February's
  const aprItem = items(srv, APR).find((i) => i.title === 'Jullovsaktiviteter för yngre barn');
  assert.equal(aprItem.carried_from, itemId(srv, MAR, 'Jullovsaktiviteter för yngre barn'));
});

test('the meetings of 25 April and 16 May show their themes and Webex', async () => {
  const apr = mainOf((await anon.get(`/moten/${APR}`)).text);
  assert.match(textOf(apr), /Tema Skaparverkstad och guidade vandringar under H22 City Expo/);
  assert.match(textOf(apr), /Status Väntar på protokoll/); // planned; its day has passed
  assert.match(textOf(apr), /Digitalt Webex/);
  const may = mainOf((await anon.get(`/moten/${MAY}`)).text);
  assert.match(textOf(may), /Tema Gemensamma insatser på H22 City Expo och deltagarengagemang/);
  assert.doesNotMatch(may, /publicera|\/redigera|\/dagordning"/, 'coordinator tools shown to a resident');
});

test('activities show participant counts as numbers: "16–17" young people at the Christmas party, 10 at the panel talk', async () => {
  const r = await anon.get('/aktiviteter');
  assert.equal(r.status, 200);
  const rows = [...r.text.matchAll(/<tr><td[^>]*><a href="\/aktiviteter\/(\d+)">([^<]*)<\/a>([\s\S]*?)<\/tr>/g)]
    .map((m) => ({ id: m[1], title: m[2], cells: [...m[3].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1])) }));
  const row = (t) => {
    const x = rows.find((y) => y.title === t);
    assert.ok(x, `activity ${t} not listed`);
    return x;
  };
  assert.ok(rows.length >= 8, `only ${rows.length} activities`);
  const julfest = row('Julfest i Hasslarp/Kattarp');
  assert.equal(julfest.cells.at(-1), '16–17', `the Christmas party's young people: ${julfest.cells}`);
  assert.equal(row('Panelsamtal om hbtqi och identitet').cells.at(-2), '10');
  assert.match(r.text, /<a href="\/aktiviteter\/\d+">Renovering av besöksrum<\/a> \(<a href="\/organisationer\/framtidsverkstaden">Framtidsverkstaden<\/a>(, | och )<a href="\/organisationer\/erikshjalpen">Erikshjälpen<\/a>\)/);
  const page = await anon.get(`/aktiviteter/${julfest.id}`);
  const t = textOf(mainOf(page.text));
  assert.match(t, /Varav barn och unga 16–17/);
  assert.match(t, /Christer Hagström/);
  assert.match(t, /Återkoppling till deltagarna/);
  // stored as numbers, not text
  const stored = sql(srv, [`SELECT youth_min, youth_max FROM activities WHERE id = ${Number(julfest.id)}`]).trim();
  assert.equal(stored, '16|17');
  // the filter
  const done = await anon.get('/aktiviteter?status=genomford');
  assert.equal(done.status, 200);
  assert.match(done.text, /Julfest i Hasslarp\/Kattarp/);
  assert.doesNotMatch(done.text, />Renovering av besöksrum</);
  const bad = await anon.get('/aktiviteter?status=nonsens');
  assert.equal(bad.status, 400);
});

test('the print views of 21 February: the agenda and the minutes, without navigation', async () => {
  const agenda = await anon.get(`/moten/${FEB}/utskrift`);
  assert.equal(agenda.status, 200);
  assertSecurityHeaders(agenda);
  assertNoActiveContent(agenda.text);
  assert.match(agenda.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.doesNotMatch(agenda.text, /<nav\b|<header\b|<footer\b|class="crumbs"|Logga in|logga-in/, 'navigation in the print view');
  assert.match(agenda.text, /<body class="print-view">/);
  assert.match(agenda.text, /<h1>Gemensam utvecklingsgrupp 21 februari 2022<\/h1>/);
  const a = parseAgenda(agenda.text);
  assertItem(a.main, 'Renovering av besöksrum', ['Framtidsverkstaden', 'Erikshjälpen'], 'print view');
  assertItem(a.other, 'Minecraftprojekt på Planteringen', ['Invånarlab'], 'print view');
  assert.match(textOf(agenda.text), /Fontänhuset Helsingborg, Norra strandgatan 8/);
  assert.equal(parseMinutes(agenda.text).length, 0, 'the agenda print view holds the minutes');
  const minutes = await anon.get(`/moten/${FEB}/utskrift?del=protokoll`);
  assert.equal(minutes.status, 200);
  assert.doesNotMatch(minutes.text, /<nav\b|<header\b|<footer\b|class="crumbs"|Logga in/);
  const secs = parseMinutes(minutes.text);
  assert.equal(secs.length, 8, `minutes sections: ${secs.map((s) => s.title).join(' | ')}`);
  assert.ok(minutes.text.includes(G.missingPublic));
  assert.match(textOf(minutes.text), /16–17 barn och unga kom/);
  const none = await anon.get('/moten/999999/utskrift');
  assert.equal(none.status, 404);
});

test('the iCalendar feed: python3-icalendar reads it; Europe/Stockholm local times (13:30+01:00 in winter, +02:00 in spring); å ä ö intact', async () => {
  const res = await fetch(`${srv.base}/grupper/${GROUP}/moten.ics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar; charset=utf-8/i);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  assert.ok(!text.includes('\ufffd'), 'the feed is not valid UTF-8');
  // RFC 5545 §3.1: CRLF line ends, lines of at most 75 octets
  const lines = text.split('\r\n');
  assert.equal(lines.at(-1), '', 'the feed does not end with CRLF');
  for (const l of lines) {
    assert.ok(!l.includes('\n'), 'a bare LF in the feed');
    assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `a line of ${Buffer.byteLength(l, 'utf8')} octets: ${l}`);
  }
  const cal = parseIcs(bytes);
  assert.deepEqual(cal.errors, []);
  assert.equal(cal.version, '2.0');
  assert.equal(cal.events.length, 4);
  const by = (d) => cal.events.find((e) => e.start.startsWith(d));
  const feb = by('2022-02-21');
  assert.equal(feb.start, '2022-02-21T13:30:00+01:00');
  assert.equal(feb.end, '2022-02-21T15:30:00+01:00');
  assert.equal(feb.vtzStart, '2022-02-21T13:30:00+01:00', 'the feed\'s own VTIMEZONE gives another offset');
  assert.equal(feb.tzid, 'Europe/Stockholm');
  assert.equal(feb.location, 'Fontänhuset Helsingborg, Norra strandgatan 8');
  assert.equal(feb.summary, 'Gemensam utvecklingsgrupp: Delaktighet och samskapande med ungdomar');
  assert.match(feb.url, new RegExp(`/moten/${FEB}$`));
  const mar = by('2022-03-21');
  assert.equal(mar.start, '2022-03-21T13:30:00+01:00');
  assert.equal(mar.summary, 'Gemensam utvecklingsgrupp: Omställning från socialtjänst till sociala tjänster');
  const apr = by('2022-04-25');
  assert.equal(apr.start, '2022-04-25T13:30:00+02:00');
  assert.equal(apr.end, '2022-04-25T15:30:00+02:00');
  assert.equal(apr.vtzStart, '2022-04-25T13:30:00+02:00');
  assert.match(apr.summary, /brukare, medlemmar och besökare$/);
  const may = by('2022-05-16');
  assert.equal(may.start, '2022-05-16T13:30:00+02:00');
  assert.match(may.summary, /upptäcka och besöka för dig som är intresserad av sociala frågor/);
  assert.match(may.description, /Webex Meetings – länken skickas till den som anmäler sig\./);
  assert.equal(new Set(cal.events.map((e) => e.uid)).size, 4, 'UIDs not unique');
  const missing = await anon.get('/grupper/finns-inte/moten.ics');
  assert.equal(missing.status, 404);
});
