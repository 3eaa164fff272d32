// Shared by the development-group tests (issue 4: tests/http/group_*.test.mjs
// and tests/browser/group_flow.test.mjs): the group's forms filled in over
// HTTP (meetings, agenda, minutes, action items, activities, topic
// suggestions), readers for the meeting page and the minutes editor, the
// iCalendar feed read by Debian's python3-icalendar, and a snapshot of
// every stored row a group request could change (refused input must change
// nothing).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hiddenFields, unescapeHtml } from '../lib/client.mjs';
import { assertSameSnapshot, escapeHtml, escapeRe } from '../lib/http.mjs';
import { sql, startCallsServer } from './calls_helpers.mjs';

export { mails, waitMail, sql, sqlInt, personWithRole, signedIn, EMAIL, rand, sleep } from './calls_helpers.mjs';
export { escapeHtml, escapeRe, unescapeHtml, hiddenFields };

export const GROUP = 'gemensam-utvecklingsgrupp';
export const GROUP_NAME = 'Gemensam utvecklingsgrupp';
/** The demo meetings (src/demo/meetings.c). */
export const FEB = 1;
export const MAR = 2;
export const APR = 3;
export const MAY = 4;

/** Swedish messages of issue 4 (locale/sv/group.txt). */
export const G = {
  endBeforeStart: 'Mötet kan inte sluta innan det börjar. Kontrollera sluttiden.',
  time: 'Skriv en tid som TT:MM, till exempel 13:30.',
  date: 'Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-21.',
  dateRange: 'Skriv ett datum mellan år 2000 och 2099.',
  count: 'Skriv ett antal, till exempel 10, eller ett intervall som 16–17. Högst 100 000.',
  youthOverTotal: 'Antalet unga kan inte vara större än antalet deltagare totalt.',
  activityMissing: 'Aktiviteten finns inte. Välj en aktivitet i listan.',
  actionOwner: 'Ange vem som ska göra det: välj en organisation eller skriv ett namn.',
  required: 'Fyll i fältet.',
  requiredChoice: 'Välj ett alternativ.', // an empty select or set of radio buttons
  tooLong: 'Texten är för lång.',
  encoding: 'Fältet innehöll tecken som inte gick att läsa. Skriv in texten igen.',
  control: 'Fältet innehåller otillåtna kontrolltecken.',
  notNumber: 'Skriv ett heltal, till exempel 12.',
  choice: 'Välj ett av alternativen.',
  website: 'Skriv en fullständig webbadress som börjar med https://.',
  pnr: 'Texten innehåller något som ser ut som ett personnummer. Ta bort det – samskap publicerar aldrig personnummer.',
  rateLimited: 'För många försök från din uppkoppling. Vänta en stund och försök igen.',
  conflictTitle: 'Någon annan sparade protokollet medan du skrev',
  conflictBy: 'Senast sparat av',
  theirText: 'Sparat av någon annan under tiden:',
  carried: 'Flyttad hit eftersom rapporten saknades på mötet',
  missingPublic: 'Rapporten saknades. Punkten tas upp på nästa möte.',
  followups: 'Uppföljning av öppna åtgärdspunkter',
  itemGone: 'Punkten finns inte på det här mötets dagordning. Någon kan ha tagit bort den.',
  alreadyPublished: 'Protokollet är redan publicerat.',
  suggestionReceived: 'Tack för ditt förslag! Det visas när en koordinator har läst det.',
  minutesSaved: 'Protokollet är sparat.',
  published: 'Protokollet är publicerat. Alla vars aktiviteter fanns på dagordningen har fått besked.',
  mailSubject: 'Protokollet är publicerat',
  errorsTitle: 'Det finns fel i formuläret',
};

/** startServer() with the SMTP sink (srv.maildir), as the open-calls tests do. */
export function startGroupServer(opts = {}) {
  return startCallsServer(opts);
}

// ---- reading pages ----

/** The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
export function textOf(html) {
  return unescapeHtml(String(html)
    .replace(/<\/?(?:p|li|dt|dd|h[1-6]|ul|ol|section|div|tr|td|th|br|dl|fieldset|legend|label|main|article)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')).replace(/[\s\u00a0]+/g, ' ').trim();
}

export function mainOf(html) {
  return (html.match(/<main[\s\S]*?<\/main>/) || [html])[0];
}

/** A short readable excerpt of a page for failure messages. */
export function excerpt(res) {
  return `${res.status} ${res.location || ''} ${textOf(mainOf(res.text)).slice(0, 700)}`;
}

/** The CSRF token of any form on the page. */
export function csrfIn(html) {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, 'no _csrf on the page');
  return m[1];
}

export async function csrf(c, page) {
  const r = await c.get(page);
  assert.equal(r.status, 200, `GET ${page}: ${r.status}`);
  return csrfIn(r.text);
}

/** POSTs `fields` (an object or [name, value] pairs) with the CSRF token
 *  taken from `page` (default: the page posted to). */
export async function post(c, action, fields, page = action) {
  const token = await csrf(c, page);
  const body = new URLSearchParams();
  body.append('_csrf', token);
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [k, v] of entries) body.append(k, v);
  return c.postRaw(action, body);
}

/** The agenda of a meeting page (or print view): main items and övriga
 *  frågor as {text, html, status, report}, and the follow-ups of open action
 *  items.  An item's activity — its status and report, as the activity page
 *  shows them (issue 8, one report, one truth) — is in `status` and
 *  `report`, not in `text`. */
export function parseAgenda(html) {
  const at = html.indexOf('<h2 id="dagordning">');
  assert.ok(at >= 0, 'no agenda on the page');
  const end = html.indexOf('<h2 id="protokoll">', at);
  const part = html.slice(at, end < 0 ? undefined : end);
  const state = /<br><span class="note item-status">[^<]*<strong class="tag activity-status">([^<]*)<\/strong><\/span>/;
  const report = /<(details|div) class="item-report">(?:<summary>[^<]*<\/summary>|<strong>[^<]*<\/strong>)\n([\s\S]*?)<\/\1>/;
  const lis = (block) => (block ? [...block.matchAll(/<li>([\s\S]*?)<\/li>\n/g)].map((m) => ({
    html: m[1],
    text: textOf(m[1].replace(report, '').replace(state, '')),
    status: (m[1].match(state) || [])[1] ?? null,
    report: m[1].match(report) ? textOf(m[1].match(report)[2]) : null,
  })) : []);
  const main = (part.match(/<ol class="agenda">([\s\S]*?)<\/ol>/) || [])[1];
  const fu = (part.match(/<h3>Uppföljning av öppna åtgärdspunkter<\/h3>\n<ul class="actions">([\s\S]*?)<\/ul>/) || [])[1];
  const otherAt = part.indexOf('<h3>Övriga frågor</h3>');
  const other = otherAt >= 0 ? (part.slice(otherAt).match(/^<h3>Övriga frågor<\/h3>\n<ul>([\s\S]*?)<\/ul>/) || [])[1] : null;
  return { main: lis(main), followups: lis(fu), other: lis(other) };
}

/** The minutes sections of a meeting page: {id, title, html, text}. */
export function parseMinutes(html) {
  // a <section> in the print view; a <details> per item on the meeting page
  const sections = [...html.matchAll(/<section class="minutes-item" id="punkt-(\d+)"[^>]*>([\s\S]*?)<\/section>/g)]
    .map((m) => [m[1], m[2]]);
  const details = [...html.matchAll(/<details class="minutes-item"[^>]*>\n<summary>([\s\S]*?)<\/summary>\n<div class="body" id="punkt-(\d+)">([\s\S]*?)<\/div>\n<\/details>/g)]
    .map((m) => [m[2], m[1] + m[3]]);
  return [...sections, ...details].map(([id, part]) => ({
    id: Number(id),
    title: textOf((part.match(/<h3[^>]*>([\s\S]*?)<\/h3>/) || [])[1] || ''),
    html: part,
    text: textOf(part),
  }));
}

export async function meetingPage(c, id) {
  const r = await c.get(`/moten/${id}`);
  assert.equal(r.status, 200, `meeting ${id}: ${r.status}`);
  return { html: r.text, agenda: parseAgenda(r.text), minutes: parseMinutes(r.text) };
}

/** Agenda items from the database, in the page's order: [{id, title, section, missing, carried_from, minutes}]. */
export function items(srv, meetingId) {
  const out = sql(srv, [`SELECT id, section, report_missing, COALESCE(carried_from, 0), title, minutes FROM agenda_items
    WHERE meeting_id = ${Number(meetingId)} ORDER BY CASE WHEN section = 'punkt' THEN 0 ELSE 1 END, position, id`]);
  return out.split('\n').filter(Boolean).map((l) => {
    const [id, section, missing, carried, title, ...rest] = l.split('|');
    return { id: Number(id), section, missing: missing === '1', carried_from: Number(carried), title, minutes: rest.join('|') };
  });
}

export function itemId(srv, meetingId, title) {
  const it = items(srv, meetingId).find((x) => x.title === title);
  assert.ok(it, `no item "${title}" on meeting ${meetingId}: ${items(srv, meetingId).map((x) => x.title).join(' | ')}`);
  return it.id;
}

// ---- meetings ----

export const MEETING_DEFAULTS = {
  datum: '2022-06-13', start: '13:30', slut: '15:30', plats: 'Fontänhuset Helsingborg',
  adress: 'Norra strandgatan 8', digitalt: 'Webex Meetings', tema: 'Sommarens aktiviteter', beskrivning: '',
};

/** Posts the new-meeting form (with its one-time key); returns the response. */
export async function postMeeting(k, fields = {}, slug = GROUP) {
  const page = `/grupper/${slug}/nytt-mote`;
  const form = await k.get(page);
  assert.equal(form.status, 200, `GET ${page}: ${form.status}`);
  return k.postRaw(page, { ...hiddenFields(form.text, page), ...MEETING_DEFAULTS, ...fields });
}

/** A planned meeting; returns its id. */
export async function newMeeting(k, fields = {}) {
  const r = await postMeeting(k, fields);
  assert.equal(r.status, 303, `new meeting: ${excerpt(r)}`);
  const m = (r.location || '').match(/^\/moten\/(\d+)$/);
  assert.ok(m, `redirect to ${r.location}`);
  return Number(m[1]);
}

/** The edit form's current values with `changes` applied, posted. */
export async function editMeeting(k, id, changes = {}) {
  const page = `/moten/${id}/redigera`;
  const f = await k.get(page);
  assert.equal(f.status, 200, `GET ${page}: ${f.status}`);
  const val = (n) => {
    const inp = f.text.match(new RegExp(`<input\\b[^>]* name="${n}"[^>]*>`));
    if (inp) return unescapeHtml((inp[0].match(/ value="([^"]*)"/) || [null, ''])[1]);
    const ta = f.text.match(new RegExp(`<textarea\\b[^>]* name="${n}"[^>]*>([\\s\\S]*?)</textarea>`));
    return ta ? unescapeHtml(ta[1]) : '';
  };
  const fields = {};
  for (const n of ['datum', 'start', 'slut', 'plats', 'adress', 'digitalt', 'tema', 'beskrivning']) fields[n] = n in changes ? changes[n] : val(n);
  return k.postRaw(page, { _csrf: csrfIn(f.text), ...fields });
}

// ---- the agenda ----

/** Activity title → id, from the agenda editor's select. */
export async function activityIds(k, meetingId) {
  const r = await k.get(`/moten/${meetingId}/dagordning`);
  assert.equal(r.status, 200);
  const sel = r.text.match(/<select id="f-aktivitet"[^>]*>([\s\S]*?)<\/select>/);
  assert.ok(sel, 'no activity select in the agenda editor');
  const out = {};
  for (const m of sel[1].matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)) {
    out[unescapeHtml(m[2]).replace(/ \([^)]*\)$/, '')] = Number(m[1]);
  }
  return out;
}

export function addActivity(k, meetingId, activityId, presenter = '') {
  return post(k, `/moten/${meetingId}/dagordning`, { atgard: 'aktivitet', aktivitet: String(activityId), presentator: presenter });
}

export function addFree(k, meetingId, title, { section = 'punkt', presenter = '' } = {}) {
  return post(k, `/moten/${meetingId}/dagordning`, { atgard: 'punkt', del: section, rubrik: title, presentator2: presenter });
}

/** op: 'upp' | 'ned' | 'ta-bort'. */
export function agendaOp(k, meetingId, op, item) {
  return post(k, `/moten/${meetingId}/dagordning`, { atgard: op, punkt: String(item) });
}

// ---- minutes ----

/** The minutes editor as it stands: version, per item {text, missing,
 *  questions}, attendance; `html`. */
export async function minutesForm(k, meetingId) {
  const r = await k.get(`/moten/${meetingId}/protokoll`);
  assert.equal(r.status, 200, `minutes editor: ${r.status}`);
  return readMinutesForm(r.text);
}

export function readMinutesForm(html) {
  const form = html.match(/<form method="post" action="\/moten\/\d+\/protokoll(?:#fel)?">([\s\S]*?)<\/form>/);
  assert.ok(form, 'no minutes form');
  const f = form[1];
  const version = (f.match(/name="version" value="(\d+)"/) || [])[1];
  const ids = [...f.matchAll(/name="text-(\d+)"/g)].map((m) => Number(m[1]));
  const ta = (name) => {
    const m = f.match(new RegExp(`<textarea\\b[^>]* name="${name}"[^>]*>([\\s\\S]*?)</textarea>`));
    return m ? unescapeHtml(m[1]) : undefined;
  };
  const item = {};
  for (const id of ids) {
    item[id] = {
      text: ta(`text-${id}`),
      missing: new RegExp(`name="saknas-${id}" value="1" checked`).test(f),
      questions: ta(`fragor-${id}`),
    };
  }
  return { version: Number(version), ids, item, attendance: ta('narvaro'), csrf: csrfIn(html), html };
}

/** Saves the minutes: the current editor's values with `changes`
 *  ({items: {id: {text, missing, questions}}, attendance, version}) applied.
 *  `from` is an editor read earlier (to save from a stale editor). */
export async function saveMinutes(k, meetingId, changes = {}, from = null) {
  const f = from || await minutesForm(k, meetingId);
  const body = new URLSearchParams();
  body.append('_csrf', from ? await csrf(k, `/moten/${meetingId}/protokoll`) : f.csrf);
  body.append('version', String(changes.version ?? f.version));
  for (const id of f.ids) {
    const v = { ...f.item[id], ...((changes.items || {})[id] || {}) };
    body.append(`text-${id}`, v.text ?? '');
    if (v.missing) body.append(`saknas-${id}`, '1');
    body.append(`fragor-${id}`, v.questions ?? '');
  }
  body.append('narvaro', changes.attendance ?? f.attendance ?? '');
  return k.postRaw(`/moten/${meetingId}/protokoll`, body);
}

/** Marks (or unmarks) one item's report missing, keeping the rest. */
export async function setMissing(k, meetingId, item, missing = true) {
  const r = await saveMinutes(k, meetingId, { items: { [item]: { missing } } });
  assert.equal(r.status, 303, `minutes save: ${excerpt(r)}`);
  return r;
}

export function publish(k, meetingId) {
  // publishing asks for a confirmation first (it e-mails people)
  return post(k, `/moten/${meetingId}/publicera`, { bekrafta: '1' }, `/moten/${meetingId}`);
}

// ---- action items ----

export function addAction(k, meetingId, { org = '', owner = '', what = 'Något ska göras.', due = '', item = '' } = {}) {
  return post(k, `/moten/${meetingId}/atgarder`, { agare_org: String(org), agare: owner, vad: what, senast: due, punkt: String(item) },
    `/moten/${meetingId}/protokoll`);
}

export function actionDone(k, actionId, meetingId) {
  const f = meetingId === undefined ? {} : { mote: String(meetingId) };
  return post(k, `/atgarder/${actionId}/klar`, f, '/aktiviteter');
}

/** Organisation name → id, from the action form's select. */
export async function orgIds(k, meetingId = APR) {
  const r = await k.get(`/moten/${meetingId}/protokoll`);
  const sel = r.text.match(/<select id="f-agare_org"[^>]*>([\s\S]*?)<\/select>/);
  assert.ok(sel, 'no owner select');
  const out = {};
  for (const m of sel[1].matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)) out[unescapeHtml(m[2])] = Number(m[1]);
  return out;
}

// ---- activities ----

export const ACTIVITY_DEFAULTS = {
  titel: 'Testaktivitet', status: 'planerad', presentator: '', fran: '', till: '', andra_org: '',
  deltagare: '', unga: '', rapport: '', resultat: '', aterkoppling: '', aterkoppling_datum: '', nasta_steg: '',
  lankar: '', deltagarkonton: '',
};

/** Posts the new-activity form; `orgs` are directory ids. */
export async function postActivity(k, fields = {}, orgs = []) {
  const page = '/aktiviteter/ny';
  const form = await k.get(page);
  assert.equal(form.status, 200, `GET ${page}: ${form.status}`);
  const body = new URLSearchParams({ ...hiddenFields(form.text, page), ...ACTIVITY_DEFAULTS, ...fields });
  for (const o of orgs) body.append('org', String(o));
  return k.postRaw(page, body);
}

export async function newActivity(k, fields = {}, orgs = []) {
  const r = await postActivity(k, fields, orgs);
  assert.equal(r.status, 303, `new activity: ${excerpt(r)}`);
  return Number(r.location.match(/^\/aktiviteter\/(\d+)$/)[1]);
}

// ---- topic suggestions ----

export async function suggest(c, fields = {}, slug = GROUP) {
  const page = `/grupper/${slug}/foresla-tema`;
  const form = await c.get(page);
  assert.equal(form.status, 200, `GET ${page}: ${form.status}`);
  return c.postRaw(page, { ...hiddenFields(form.text, page), tema: 'Ett tema', namn: '', webbplats: '', ...fields });
}

// ---- the stored rows ----

const SNAPSHOT_SQL = [
  'SELECT id, group_id, date, start_time, end_time, place_name, place_address, online, theme, description, status, minutes_version, minutes_by, published_at, updated_at FROM meetings ORDER BY id',
  'SELECT id, meeting_id, position, section, activity_id, title, presenter, minutes, report_missing, carried_from FROM agenda_items ORDER BY id',
  'SELECT id, item_id, position, text FROM item_questions ORDER BY id',
  'SELECT id, meeting_id, item_id, owner_org_id, owner_name, what, due, status, done_meeting_id FROM action_items ORDER BY id',
  'SELECT id, meeting_id, name, org_name, remote FROM attendance ORDER BY id',
  'SELECT id, title, idea_id, status, presenter, start_date, end_date, total_min, total_max, youth_min, youth_max, report, results, feedback, feedback_date, next_steps, updated_at FROM activities ORDER BY id',
  'SELECT id, activity_id, org_id, name FROM activity_orgs ORDER BY id',
  'SELECT id, activity_id, url, title FROM activity_links ORDER BY id',
  'SELECT activity_id, user_id FROM activity_participants ORDER BY activity_id, user_id',
  'SELECT id, group_id, name, text, status, moderated_by FROM topic_suggestions ORDER BY id',
  'SELECT id, slug, name, description FROM groups ORDER BY id',
  'SELECT id, group_id, org_id, name FROM group_members ORDER BY id',
  'SELECT id, user_id, text, link FROM notifications ORDER BY id',
  'SELECT id, to_email, subject FROM outbox ORDER BY id',
];

export function snapshot(srv) {
  return sql(srv, SNAPSHOT_SQL.flatMap((q, i) => [`SELECT '-- ${i}'`, q]));
}

let batching = 0;

/** Runs `fn` and checks that no stored row of the group changed.  Inside
 *  batchUnchanged() it only runs `fn`: the batch compares once. */
export async function unchanged(srv, what, fn) {
  if (batching) return fn();
  return batchUnchanged(srv, what, fn);
}

/** unchanged() for a whole loop of refusals: one snapshot before and one
 *  after (a snapshot on PostgreSQL costs a psql process). */
export async function batchUnchanged(srv, what, fn) {
  const before = snapshot(srv);
  let out;
  batching++;
  try {
    out = await fn();
  } finally {
    batching--;
  }
  const after = snapshot(srv);
  assertSameSnapshot(what, before, after);
  return out;
}

/** A refused form: `status`, the error summary and `msg` (escaped as our HTML writer escapes it). */
export function assertRefused(res, msg, { status = 400, field } = {}) {
  assert.equal(res.status, status, `expected ${status} with "${msg}", got ${excerpt(res)}`);
  // a no-break space keeps numbers together ("100 000"): compare spaces as spaces
  const sp = (t) => t.replace(/\u00a0|&nbsp;|&#160;/g, ' ');
  assert.ok(sp(res.text).includes(sp(escapeHtml(msg))), `the page does not say "${msg}": ${excerpt(res)}`);
  if (field) assert.match(res.text, new RegExp(`id="e-${escapeRe(field)}"`), `no error message at field ${field}`);
}

// ---- iCalendar ----

/** Parses an iCalendar body with Debian's python3-icalendar (and the
 *  VTIMEZONE with dateutil's tzical, independently of the TZID's name);
 *  returns {events: [{uid, start, end, startOffset, vtzStart, summary,
 *  location, description, url}], errors}. */
export function parseIcs(body) {
  const py = `
import sys, json
import icalendar
from dateutil import tz
data = sys.stdin.buffer.read()
cal = icalendar.Calendar.from_ical(data)
errors = []
for c in cal.walk():
    for e in getattr(c, 'errors', []) or []:
        errors.append([c.name, str(e)])
import re, io
# dateutil reads only the standard properties of a VTIMEZONE: drop X- ones
text = data.decode('utf-8').replace('\\r\\n ', '')
block = re.search(r'BEGIN:VTIMEZONE\\r\\n.*?END:VTIMEZONE\\r\\n', text, re.S)
vtz = tz.tzical(io.StringIO('\\r\\n'.join(l for l in block.group(0).split('\\r\\n') if not l.startswith('X-')))).get('Europe/Stockholm') if block else None
out = []
for ev in cal.walk('VEVENT'):
    s = ev['DTSTART'].dt
    e = ev['DTEND'].dt
    naive = s.replace(tzinfo=None)
    out.append({
        'uid': str(ev.get('UID')),
        'start': s.isoformat(), 'end': e.isoformat(),
        'tzid': ev['DTSTART'].params.get('TZID'),
        'vtzStart': naive.replace(tzinfo=vtz).isoformat() if vtz else None,
        'summary': str(ev.get('SUMMARY', '')), 'location': str(ev.get('LOCATION', '')),
        'description': str(ev.get('DESCRIPTION', '')), 'url': str(ev.get('URL', '')),
    })
print(json.dumps({'events': out, 'errors': errors, 'version': str(cal.get('VERSION')), 'prodid': str(cal.get('PRODID'))}))
`;
  const r = spawnSync('/usr/bin/python3', ['-c', py], { input: body, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `python3-icalendar could not read the feed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
