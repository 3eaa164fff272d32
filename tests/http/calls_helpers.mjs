// Shared by the open-calls tests (tests/http/calls_*.test.mjs and
// tests/browser/calls_flow.test.mjs): a server with the SMTP sink, the
// forms of issue 3 filled in over HTTP, readers for the idea page, the
// money overview and the e-mail the sink stored, and a snapshot of every
// stored row an open-calls request could change (to show that refused
// input changes nothing).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer, ROOT } from '../lib/server.mjs';
import { Client, hiddenFields, unescapeHtml } from '../lib/client.mjs';
import { assertSameSnapshot, escapeHtml, escapeRe, signedIn, userId } from '../lib/http.mjs';

export const OPEN = 'delaktighet-och-samskapande-med-ungdomar-ny-omgang';
export const CLOSED = 'delaktighet-och-samskapande-med-ungdomar';
export const EMAIL = {
  admin: 'admin@example.org',
  koordinator: 'koordinator@example.org',
  kommunikator: 'kommunikator@example.org',
  forening: 'forening@example.org',
  ungdom: 'ungdom@example.org',
};
export const NAMES = { ungdom: 'Yasmin Ali', forening: 'Rut Nilsson', koordinator: 'Kim Karlsson' };
export const CATEGORIES = ['Arvode till ungdomar', 'Bidrag till föreningar', 'Digitala lösningar',
  'Fika och material', 'Kommunikation'];

/** Swedish messages of issue 3 (locale/sv/calls.txt). */
export const M = {
  moneyInvalid: 'Beloppet gick inte att läsa. Skriv kronor med siffror, till exempel 1 250 eller 1 250,50.',
  moneyFraction: 'Beloppet kan inte ha delar av öre. Använd högst två decimaler.',
  moneyTooLarge: 'Beloppet är orimligt stort.',
  moneyPositive: 'Beloppet måste vara större än noll.',
  moneyNegative: 'Beloppet kan inte vara negativt.',
  notNumber: 'Skriv ett heltal, till exempel 12.',
  outOfRange: 'Talet ligger utanför det tillåtna intervallet.',
  required: 'Fyll i fältet.',
  requiredChoice: 'Välj ett alternativ.', // an empty select or set of radio buttons
  choice: 'Välj ett av alternativen.',
  youthAge: 'Du som skickar in för dig själv måste vara 13–18 år i år. Kontrollera födelseåret.',
  callClosed: 'Ansökningstiden är inte öppen, så idén kan inte skickas in nu. Inget har sparats.',
  projectCallClosed: 'Ansökningstiden är stängd just nu.',
  budgetEmpty: 'Lägg till minst en budgetrad med kategori, vad pengarna ska gå till och belopp.',
  // the budget is named (issue 8): the demo's open call has 150 000 kr
  budgetOverProject: 'Budgeten är större än hela projektets budget på 150 000 kr. Kontrollera beloppen.',
  lineOverBudget: 'Beloppet är större än hela projektets budget på 150 000 kr.',
  budgetBelowGranted: 'Budgeten kan inte vara lägre än det som redan är beviljat.',
  grantOverAsked: 'Beviljat belopp kan inte vara större än det sökta.',
  grantOverBudget: 'Det beviljade beloppet ryms inte i projektets återstående budget:', // … 1 000 kr kvar.
  grantZero: 'Ett beviljande måste ha ett belopp större än noll på minst en rad.',
  lineNotYours: 'Välj en beviljad budgetrad som hör till den här idén.',
  claimOverLeft: 'Beloppet är större än det som finns kvar på budgetraden.',
  receiptMissing: 'Bifoga ett kvitto.',
  receiptSize: 'Kvittot är för stort. Det får vara högst 5 MB.',
  receiptType: 'Kvittot måste vara en PDF, JPEG eller PNG. Filen du valde är något annat.',
  transitionDeniedTitle: 'Det går inte att göra så',
  transitionDenied: 'Idén kan inte flyttas till det läget härifrån, eller så får du inte göra det.',
  decisionClosedTitle: 'Beslutet är redan fattat',
  decisionClosed: 'Idén är inte under bedömning längre. Någon kan redan ha fattat beslut.',
  claimDecidedTitle: 'Utlägget är redan hanterat',
  claimOverGrantTitle: 'Utlägget kan inte godkännas',
  claimOverGrant: 'Godkända utlägg skulle överstiga det beviljade beloppet på budgetraden. Inget har ändrats.',
  notEditable: 'Den här idén kan inte ändras i sitt nuvarande läge.',
  errorsTitle: 'Det finns fel i formuläret',
};

// ---- files: a real PNG, JPEG and PDF (and things that pretend to be) ----

/** An 8×6 PNG and JPEG made by Chromium. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAMUlEQVR4nJSLMQ0AQAjE+A9KsIAXJGABT2hBFBNhuoFOTZpyqdJgsf4JAMOT9NsBQwMAAP//h6U4sAAAAAZJREFUAwCWQgNyyHHPawAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAaEAACAgMAAAAAAAAAAAAAAAAAAQMRAhJR/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAZEQACAwEAAAAAAAAAAAAAAAABAwACEUH/2gAMAwEAAhEDEQA/AJoocYr1bd9AAYDJJucx9yxh0ns//9k=', 'base64');

/** A one-page PDF with a correct cross-reference table. */
export const PDF = (() => {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R '
      + '/Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = 'BT /F1 12 Tf 20 50 Td (Kvitto 120 kr) Tj ET';
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
})();
/** The same PDF cut off in the middle (no %%EOF). */
export const TRUNCATED_PDF = PDF.subarray(0, Math.floor(PDF.length / 2));
export const TEXT_AS_PNG = Buffer.from('Det här är inget kvitto, bara text.\n');
export const HTML_FILE = Buffer.from('<!doctype html><html><body><script>alert(1)</script>Kvitto</body></html>\n');

// ---- the server and the SMTP sink ----

async function waitPort(port, child, deadline = Date.now() + 10000) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

/** The SMTP sink scripts/test.sh started, or one of our own when the
 *  tests run alone (the python3 that has aiosmtpd). */
async function smtpSink() {
  if (process.env.SAMSKAP_TEST_SMTP && process.env.SAMSKAP_TEST_MAILDIR) {
    return { addr: process.env.SAMSKAP_TEST_SMTP, dir: process.env.SAMSKAP_TEST_MAILDIR, stop: () => {} };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-mail-'));
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status !== 0) continue;
    const port = await freePort();
    const child = spawn(py, [path.join(ROOT, 'scripts/smtp_sink.py'), '127.0.0.1', String(port), dir],
      { stdio: 'ignore' });
    if (await waitPort(port, child)) {
      return {
        addr: `127.0.0.1:${port}`,
        dir,
        stop: () => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
      };
    }
    child.kill('SIGTERM');
  }
  throw new Error('no SMTP sink: set SAMSKAP_TEST_SMTP and SAMSKAP_TEST_MAILDIR or install python3-aiosmtpd');
}

/** startServer() with the SMTP sender pointed at the sink; srv.maildir is
 *  where the sink writes; srv.stop() also stops a sink of our own. */
export async function startCallsServer(opts = {}) {
  const sink = await smtpSink();
  const srv = await startServer({
    ...opts,
    env: { SAMSKAP_SMTP_URL: `smtp://${sink.addr}`, SAMSKAP_MAIL_INTERVAL: '1', ...(opts.env || {}) },
  });
  const stop = srv.stop.bind(srv);
  srv.maildir = sink.dir;
  srv.stop = async (o) => {
    try { await stop(o); } finally { sink.stop(); }
  };
  return srv;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function rand() {
  return Math.random().toString(36).slice(2, 8);
}

// ---- e-mail ----

function decodeWords(s) {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*(?==\?)?/g, (_, cs, enc, text) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return bytes.toString(/utf-?8/i.test(cs) ? 'utf8' : 'latin1');
  });
}

/** Every message the sink stored: {file, to: [addresses], subject, body, raw}. */
export function mails(dir) {
  let files = [];
  try { files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort(); } catch { return []; }
  return files.map((f) => {
    const raw = readFileSync(path.join(dir, f)).toString('utf8');
    const split = raw.search(/\r?\n\r?\n/);
    const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const body = raw.slice(split).replace(/\r\n/g, '\n').trim();
    const headers = {};
    for (const line of head.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      const k = line.slice(0, i).toLowerCase();
      (headers[k] ||= []).push(line.slice(i + 1).trim());
    }
    const to = [...(headers['x-envelope-to'] || []), ...(headers.to || [])]
      .map((t) => (t.match(/<([^>]+)>/) || [null, t])[1].toLowerCase());
    return { file: f, to, subject: decodeWords((headers.subject || [''])[0]), body, raw, headers };
  });
}

/** Waits (up to `timeout` ms) for a message to `to` whose subject holds
 *  `subject` (and whose body holds `body`, when given). */
export async function waitMail(srv, { to, subject, body }, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = mails(srv.maildir).filter((m) => m.to.includes(to.toLowerCase())
      && m.subject.includes(subject) && (!body || m.body.includes(body)));
    if (found.length || Date.now() > deadline) {
      assert.ok(found.length, `no e-mail to ${to} with subject "${subject}" in ${srv.maildir} `
        + `(have: ${mails(srv.maildir).map((m) => `${m.to[0]}: ${m.subject}`).join(' | ')})`);
      return found;
    }
    await sleep(200);
  }
}

// ---- reading pages ----

/** "12 345,50 kr" (no-break spaces, a real minus) → öre. */
export function ore(text) {
  const t = unescapeHtml(text.replace(/&nbsp;|&#160;/g, ' ')).replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-').replace(/kr$/, '');
  const m = t.match(/^(-?)(\d+)(?:,(\d\d))?$/);
  assert.ok(m, `not an amount: "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3] || 0));
}

function cells(rowHtml) {
  return [...rowHtml.matchAll(/<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2].replace(/<[^>]+>/g, '').trim());
}

/** The money overview: facts and the table per category, in öre. */
export function parseLedger(html) {
  const fact = (label) => {
    const m = html.match(new RegExp(`<dt>${escapeRe(label)}</dt><dd>([^<]*)</dd>`));
    assert.ok(m, `ledger: no ${label}`);
    return ore(m[1]);
  };
  const table = html.match(/<table class="ledger">([\s\S]*?)<\/table>/);
  assert.ok(table, 'no ledger table');
  const row = (c) => ({ asked: ore(c[1]), granted: ore(c[2]), claimed: ore(c[3]), approved: ore(c[4]),
    paid: ore(c[5]), remaining: ore(c[6]) });
  const body = table[1].match(/<tbody>([\s\S]*?)<\/tbody>/)[1];
  const rows = {};
  for (const tr of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const c = cells(tr[1]);
    rows[unescapeHtml(c[0])] = row(c);
  }
  const foot = cells(table[1].match(/<tfoot>([\s\S]*?)<\/tfoot>/)[1]);
  return { budget: fact('Projektets budget'), granted: fact('Beviljat'), unallocated: fact('Ej fördelat'),
    rows, total: row(foot) };
}

/** Checks that a money overview adds up; returns it. */
export function assertLedgerAddsUp(l, what = '') {
  const keys = ['asked', 'granted', 'claimed', 'approved', 'paid', 'remaining'];
  for (const k of keys) {
    const sum = Object.values(l.rows).reduce((s, r) => s + r[k], 0);
    assert.equal(l.total[k], sum, `ledger ${what}: the total of ${k} is not the sum of the categories`);
  }
  for (const [cat, r] of Object.entries(l.rows)) {
    assert.equal(r.remaining, r.granted - r.approved, `ledger ${what}: ${cat} remaining ≠ granted − approved`);
    assert.ok(r.approved <= r.granted, `ledger ${what}: ${cat} approved ${r.approved} > granted ${r.granted}`);
    assert.ok(r.paid <= r.approved, `ledger ${what}: ${cat} paid > approved`);
    assert.ok(r.approved <= r.claimed, `ledger ${what}: ${cat} approved > claimed`);
  }
  assert.equal(l.total.remaining, l.total.granted - l.total.approved, `ledger ${what}: total remaining`);
  assert.equal(l.unallocated, l.budget - l.granted, `ledger ${what}: unallocated ≠ budget − granted`);
  assert.equal(l.granted, l.total.granted, `ledger ${what}: the project's granted total ≠ the sum of granted lines`);
  assert.ok(l.granted <= l.budget, `ledger ${what}: granted ${l.granted} > budget ${l.budget}`);
  return l;
}

export async function ledger(client, slug) {
  const r = await client.get(`/projekt/${slug}/ekonomi`);
  assert.equal(r.status, 200, `ledger of ${slug}: ${r.status}`);
  return assertLedgerAddsUp(parseLedger(r.text), slug);
}

/** The idea page: status, the budget lines (öre), the decision, claims. */
export function parseIdea(html) {
  const h1 = (html.match(/<h1>([\s\S]*?)<\/h1>/) || [])[1];
  const status = unescapeHtml((html.match(/<p class="meta"><strong class="tag[^"]*">([^<]*)<\/strong>/) || [])[1] || '');
  const lines = [];
  const budget = html.match(/<table class="budget">([\s\S]*?)<\/table>/);
  if (budget) {
    const body = budget[1].match(/<tbody>([\s\S]*?)<\/tbody>/)[1];
    for (const tr of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      const c = cells(tr[1]);
      lines.push({ category: unescapeHtml(c[0]), description: unescapeHtml(c[1]), asked: ore(c[2]),
        granted: c[3] === undefined ? null : ore(c[3]), approved: c[4] === undefined ? null : ore(c[4]) });
    }
  }
  const decision = (html.match(/<section class="decision"[\s\S]*?<\/section>/) || [null])[0];
  const history = [...html.matchAll(/<ol class="history">([\s\S]*?)<\/ol>/g)].map((m) => m[1])[0] || '';
  return { title: h1 && unescapeHtml(h1), status, lines, decision, history: [...history.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescapeHtml(m[1].replace(/<[^>]+>/g, ''))) };
}

export async function ideaPage(client, id) {
  const r = await client.get(`/ideer/${id}`);
  assert.equal(r.status, 200, `idea ${id}: ${r.status}`);
  return { ...parseIdea(r.text), html: r.text };
}

/** The error page text of page_message(): {status, title, text}. */
export function messagePage(res) {
  const title = (res.text.match(/<h1>([\s\S]*?)<\/h1>/) || [])[1];
  return { status: res.status, title: title && unescapeHtml(title), text: res.text };
}

/** The page says `msg` (escaped as our HTML writer escapes it). */
export function assertSays(res, msg, what = '') {
  // no-break spaces keep numbers like "1 250" together on screen; they read as spaces
  assert.ok(res.text.replace(/\u00a0/g, ' ').includes(escapeHtml(msg)), `${what}: the page (${res.status}) does not say "${msg}":\n`
    + `${(res.text.match(/<main[\s\S]*?<\/main>/) || [res.text])[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 900)}`);
}

/** A refused form: status 400, the error summary, `msg` at `field` (when given). */
export function assertRefused(res, msg, { field, status = 400 } = {}) {
  assert.equal(res.status, status, `expected ${status} with "${msg}", got ${res.status} ${res.location || ''}: `
    + `${(res.text.match(/<main[\s\S]*?<\/main>/) || [res.text])[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
  assertSays(res, msg, 'refused form');
  if (field) {
    assert.match(res.text, new RegExp(`id="e-${escapeRe(field)}"`), `no error message at field ${field}`);
  }
}

// ---- a snapshot of the stored rows ----

const SNAPSHOT_SQL = [
  'SELECT id, slug, title, budget, granted_total, status, call_opens, call_closes, internal_notes, what, updated_at FROM projects ORDER BY id',
  'SELECT id, project_id, position, name FROM project_categories ORDER BY id',
  'SELECT id, project_id, number, text FROM project_criteria ORDER BY id',
  'SELECT project_id, status, n FROM idea_counts ORDER BY project_id, status',
  'SELECT id, project_id, title, status, org_id, birth_year, submitter_id, granted_total, decision_message, decided_at, submitted_at, updated_at, need, report, internal_notes FROM ideas ORDER BY id',
  'SELECT id, idea_id, position, category_id, description, asked, granted, approved_total FROM budget_lines ORDER BY id',
  'SELECT id, idea_id, org_id, name FROM idea_partners ORDER BY id',
  'SELECT id, idea_id, from_status, to_status, actor_name FROM idea_events ORDER BY id',
  'SELECT id, idea_id, criterion_id, assessor_id, met, note FROM assessments ORDER BY id',
  'SELECT id, idea_id, line_id, amount, status, receipt_type, receipt_size, decision_note, description FROM claims ORDER BY id',
  'SELECT id, to_email, subject FROM outbox ORDER BY id',
  'SELECT id, user_id, text, link FROM notifications ORDER BY id',
];

/** Runs SQL (several statements) against the server's database; the rows
 *  as text, one a line, columns separated by |. */
export function sql(srv, statements) {
  const text = statements.map((s) => `${s};`).join('\n');
  const r = srv.kind === 'pg'
    ? spawnSync('psql', [srv.dbUrl, '-X', '-q', '-At', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-f', '-'], { input: text, encoding: 'utf8' })
    : spawnSync('sqlite3', ['-batch', srv.dbUrl], { input: `.timeout 5000\n${text}`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sql failed: ${r.stderr}`);
  return r.stdout;
}

/** Every stored row of the open calls (and the outbox and notifications). */
export function snapshot(srv) {
  return sql(srv, SNAPSHOT_SQL.flatMap((q, i) => [`SELECT '-- ${i}'`, q]));
}

/** Runs `fn` and checks that nothing stored changed. */
export async function unchanged(srv, what, fn) {
  const before = snapshot(srv);
  const out = await fn();
  const after = snapshot(srv);
  assertSameSnapshot(what, before, after);
  return out;
}

/** One number from the database. */
export function sqlInt(srv, q) {
  return Number(sql(srv, [q]).trim());
}

// ---- forms ----

/** POSTs the hidden fields of the form posting to `action` on `page`
 *  followed by `entries` ([name, value] pairs; names may repeat). */
export async function submitEntries(c, page, action, entries) {
  const p = await c.get(page);
  if (p.status !== 200) throw new Error(`GET ${page}: ${p.status}`);
  const hidden = hiddenFields(p.text, action);
  const body = new URLSearchParams();
  const names = new Set(entries.map(([k]) => k));
  for (const [k, v] of Object.entries(hidden)) if (!names.has(k)) body.append(k, v);
  for (const [k, v] of entries) body.append(k, v);
  return c.postRaw(action, body);
}

/** Category name → id, from the budget rows of an idea form. */
export function categoryIds(html) {
  const sel = html.match(/<select id="f-rad-1-kategori"[^>]*>([\s\S]*?)<\/select>/);
  assert.ok(sel, 'no category select in the idea form');
  const out = {};
  for (const m of sel[1].matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)) out[unescapeHtml(m[2])] = m[1];
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);
export function ymd(daysFromToday) {
  return new Date(Date.now() + daysFromToday * 86400000).toISOString().slice(0, 10);
}

/**
 * The fields of an idea.  opts: title, who ('ung' | 'org' | raw value),
 * birth (birth year, for 'ung'), lines ([{cat, text, amount}]), partners
 * (directory ids), others (names), texts.
 */
export function ideaEntries(formHtml, opts = {}) {
  const cats = categoryIds(formHtml);
  const lines = opts.lines ?? [{ cat: 'Fika och material', text: 'Fika till workshop', amount: '1 500' }];
  let who = opts.who ?? 'ung';
  if (who === 'org') who = formHtml.match(/name="vem" value="(org-\d+)"/)[1];
  const e = [
    ['titel', opts.title ?? `Testidé ${rand()}`],
    ['vem', who],
    ['fodelsear', opts.birth === undefined ? (who === 'ung' ? String(new Date().getFullYear() - 15) : '') : String(opts.birth)],
    ['behov', opts.need ?? 'Unga i Drottninghög saknar en plats att ses på kvällarna.'],
    ['ungas_roll', opts.youthRole ?? 'Vi är fem ungdomar som har pratat med kompisar och skrivit idén tillsammans.'],
    ['atgard_text', opts.action ?? 'Vi ordnar tre kvällsträffar med spel och fika i fritidsgården.'],
    ['fran', opts.from ?? ymd(30)],
    ['till', opts.to ?? ymd(60)],
    ['aterkoppling', opts.feedback ?? 'Alla som var med får ett meddelande om vad som händer sedan.'],
    ['delning', opts.sharing ?? 'Vi berättar om resultatet i den gemensamma utvecklingsgruppen.'],
    ['andra_partner', opts.others ?? ''],
    ['rader', String(Math.max(3, lines.length))],
  ];
  for (const p of opts.partners || []) e.push(['partner', String(p)]);
  lines.forEach((l, k) => {
    e.push([`rad-${k + 1}-kategori`, l.catId ?? (l.cat === '' ? '' : cats[l.cat])]);
    e.push([`rad-${k + 1}-text`, l.text]);
    e.push([`rad-${k + 1}-belopp`, String(l.amount)]);
  });
  e.push(['atgard', opts.atgard ?? 'skicka']);
  return e;
}

/** Writes an idea through the form; returns the response (303 to the idea page on success). */
export async function postIdea(c, slug, opts = {}) {
  const page = `/projekt/${slug}/ny-ide`;
  const form = await c.get(page);
  assert.equal(form.status, 200, `GET ${page}: ${form.status}`);
  const entries = ideaEntries(form.text, opts);
  const hidden = hiddenFields(form.text, page);
  const body = new URLSearchParams();
  const names = new Set(entries.map(([k]) => k));
  for (const [k, v] of Object.entries(hidden)) if (!names.has(k)) body.append(k, v);
  for (const [k, v] of entries) body.append(k, v);
  if (opts.once !== undefined) body.set('_once', opts.once);
  const res = await c.postRaw(page, body);
  res.once = body.get('_once');
  return res;
}

export function ideaIdFrom(res) {
  assert.equal(res.status, 303, `expected a redirect to the idea, got ${res.status}: ${res.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
  const m = (res.location || '').match(/^\/ideer\/(\d+)$/);
  assert.ok(m, `redirect to ${res.location}, not to an idea`);
  return Number(m[1]);
}

/** A submitted idea; returns its id. */
export async function newIdea(c, slug, opts = {}) {
  return ideaIdFrom(await postIdea(c, slug, opts));
}

/** The CSRF token of a signed-in client (from any form on `page`). */
export async function csrfOf(c, page = '/projekt') {
  const p = await c.get(page);
  return hiddenFields(p.text)._csrf;
}

/** Posts till=... to an idea's status route, as its buttons do (also when
 *  the page offers no such button). */
export async function moveIdea(c, id, till) {
  return c.postRaw(`/ideer/${id}/status`, { _csrf: await csrfOf(c), till });
}

export async function toReview(k, id) {
  const r = await submitEntries(k, `/ideer/${id}/bedomning`, `/ideer/${id}/status`, [['till', 'under_bedomning']]);
  assert.equal(r.status, 303, `to review: ${r.status}`);
}

/** The assessment page's criteria ids, in order, and the grant inputs. */
export function assessForm(html) {
  const crit = [...new Set([...html.matchAll(/name="k-(\d+)"/g)].map((m) => m[1]))];
  const grants = [...html.matchAll(/name="(bevilja-\d+)" value="([^"]*)"/g)].map((m) => ({ name: m[1], value: unescapeHtml(m[2]) }));
  return { crit, grants };
}

/** Assesses each criterion: `met` is an array of booleans (or one for all). */
export async function assess(k, id, met = true, notes = []) {
  const page = `/ideer/${id}/bedomning`;
  const p = await k.get(page);
  assert.equal(p.status, 200);
  const { crit } = assessForm(p.text);
  assert.ok(crit.length > 0, 'no criteria on the assessment form');
  const entries = [];
  crit.forEach((c, i) => {
    const v = Array.isArray(met) ? met[i] : met;
    entries.push([`k-${c}`, v === undefined ? '' : v ? 'ja' : 'nej']);
    entries.push([`n-${c}`, notes[i] ?? '']);
  });
  return submitEntries(k, page, page, entries);
}

/** Posts a decision: grants in kronor as typed, one per line (in order). */
/** The criteria as the one assessment-and-decision form sends them: what
 *  the page shows ticked and written (this coordinator's earlier judgement),
 *  a criterion not yet judged ticked as met — or nothing when `assessed`
 *  is false. */
function criteriaEntries(html, f, assessed) {
  if (assessed === false) return [];
  return f.crit.flatMap((c) => {
    const ticked = html.match(new RegExp(`name="k-${c}" value="(ja|nej)" checked`));
    const note = html.match(new RegExp(`name="n-${c}"[^>]*>([^<]*)</textarea>`));
    return [[`k-${c}`, ticked ? ticked[1] : 'ja'], [`n-${c}`, note ? unescapeHtml(note[1]) : '']];
  });
}

export async function decide(k, id, { utfall = 'beviljad', meddelande = 'Beslut med motivering.', grants, assessed } = {}) {
  const page = `/ideer/${id}/bedomning`;
  const p = await k.get(page);
  assert.equal(p.status, 200, `assessment page ${p.status}`);
  const f = assessForm(p.text);
  const entries = [...criteriaEntries(p.text, f, assessed), ['utfall', utfall], ['meddelande', meddelande]];
  f.grants.forEach((g, i) => entries.push([g.name, grants && grants[i] !== undefined ? String(grants[i]) : g.value]));
  // one form: its hidden fields, posted by the "Fatta beslut" button's formaction
  const hidden = hiddenFields(p.text, page);
  const body = new URLSearchParams(hidden);
  for (const [name, v] of entries) body.append(name, v);
  return k.postRaw(`/ideer/${id}/beslut`, body);
}

/** The decision form's fields ready to post (for concurrent posting). */
export async function decisionBody(k, id, { utfall = 'beviljad', meddelande = 'Beslut.', grants } = {}) {
  const page = `/ideer/${id}/bedomning`;
  const p = await k.get(page);
  assert.equal(p.status, 200, `assessment page ${p.status}`);
  const f = assessForm(p.text);
  const body = new URLSearchParams(hiddenFields(p.text, page));
  for (const [name, v] of criteriaEntries(p.text, f)) body.append(name, v);
  body.append('utfall', utfall);
  body.append('meddelande', meddelande);
  f.grants.forEach((g, i) => body.append(g.name, grants && grants[i] !== undefined ? String(grants[i]) : g.value));
  return body;
}

/** An idea granted (as asked unless `grants`): returns its id. */
export async function grantedIdea(c, k, slug, opts = {}, grants) {
  const id = await newIdea(c, slug, opts);
  await toReview(k, id);
  const r = await decide(k, id, { grants, meddelande: 'Beviljad.' });
  assert.equal(r.status, 303, `decision: ${r.status} ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 500)}`);
  return id;
}

/** Line ids of an idea, from the claim form (granted lines only), with the text shown. */
export async function claimLines(c, id) {
  const p = await c.get(`/ideer/${id}/utlagg`);
  assert.equal(p.status, 200, `claim form: ${p.status}`);
  const sel = p.text.match(/<select id="f-rad"[^>]*>([\s\S]*?)<\/select>/)[1];
  return [...sel.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({ id: m[1], text: unescapeHtml(m[2]) }));
}

/** The line ids of an idea from the database, in position order. */
export function lineIds(srv, ideaId) {
  return sql(srv, [`SELECT id FROM budget_lines WHERE idea_id = ${Number(ideaId)} ORDER BY position`]).trim().split('\n').filter(Boolean);
}

/** The multipart body of the claim form. */
export function claimForm(hidden, { rad, beskrivning = 'Fika till workshop', belopp = '100', datum = today(), file } = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(hidden)) fd.append(k, v);
  if (rad !== undefined) fd.append('rad', String(rad));
  fd.append('beskrivning', beskrivning);
  fd.append('belopp', String(belopp));
  fd.append('datum', datum);
  if (file !== null) {
    const f = file || { name: 'kvitto.png', type: 'image/png', data: PNG };
    fd.append('kvitto', new Blob([f.data], { type: f.type }), f.name);
  }
  return fd;
}

/** Posts an expense claim with a receipt (multipart, as a browser does). */
export async function postClaim(c, ideaId, opts = {}) {
  const page = `/ideer/${ideaId}/utlagg`;
  const p = await c.get(page);
  assert.equal(p.status, 200, `GET ${page}: ${p.status}`);
  const hidden = hiddenFields(p.text, page);
  if (opts.once !== undefined) hidden._once = opts.once;
  const res = await c.request('POST', page, { body: claimForm(hidden, opts) });
  res.once = hidden._once;
  return res;
}

/** The claim ids of an idea (from the database), newest last. */
export function claimIds(srv, ideaId) {
  return sql(srv, [`SELECT id FROM claims WHERE idea_id = ${Number(ideaId)} ORDER BY id`]).trim().split('\n').filter(Boolean);
}

/** A coordinator's decision on a claim, through the queue's buttons. */
export async function decideClaim(k, claimId, beslut, kommentar) {
  const entries = [['beslut', beslut]];
  if (kommentar !== undefined) entries.push(['kommentar', kommentar]);
  const action = `/utlagg/${claimId}/beslut`;
  const queue = await k.get('/bedomning');
  if (queue.text.includes(`action="${action}"`)) return submitEntries(k, '/bedomning', action, entries);
  // the queue offers this coordinator no decision on it (separation of
  // duties): post as a hand-made form would, to see the server refuse it
  return k.postRaw(action, new URLSearchParams([['_csrf', await csrfOf(k)], ...entries]));
}

/** The body of a claim decision (for concurrent posting). */
export async function claimDecisionBody(k, claimId, beslut) {
  const p = await k.get('/bedomning');
  const body = new URLSearchParams(hiddenFields(p.text, `/utlagg/${claimId}/beslut`));
  body.set('beslut', beslut);
  return body;
}

// ---- people ----

/** Signs up a new person and has the administrator grant `role`; returns
 *  a signed-in Client. */
export async function personWithRole(srv, role, name = `Koordinator ${rand()}`) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`;
  const c = new Client(srv.base);
  const r = await c.submit('/registrera', '/registrera', { namn: name, epost: email, losenord: 'ett-langt-losenord-1', losenord2: 'ett-langt-losenord-1' });
  assert.equal(r.status, 303, `sign-up: ${r.status}`);
  if (role) {
    const admin = await signedIn(srv, EMAIL.admin);
    const id = await userId(admin, name);
    const g = await admin.submit(`/admin/anvandare/${id}`, `/admin/anvandare/${id}/roller`, { roll: role, atgard: 'ge' });
    assert.equal(g.status, 303, `grant ${role}: ${g.status}`);
  }
  c.email = email;
  c.name = name;
  return c;
}

/** A project made by a coordinator through the form; returns its slug. */
export async function newProject(k, opts = {}) {
  const title = opts.title ?? `Testprojekt ${rand()}`;
  const entries = [
    ['titel', title],
    ['sammanfattning', opts.summary ?? 'Ett projekt för testerna.'],
    ['vad', opts.what ?? 'Vi testar nya sätt att göra unga delaktiga.'],
    ['varfor', opts.why ?? 'För att unga vet bäst vad de behöver.'],
    ['hur', opts.how ?? 'Lämna in en testidé.'],
    ['kortsiktigt', opts.shortGoal ?? 'Fler engagerade unga i år.'],
    ['malvarde', opts.target ?? '25'],
    ['malar', opts.year ?? String(new Date().getFullYear())],
    ['langsiktigt', opts.longGoal ?? 'En struktur för delaktighet.'],
    ...(opts.eligible ?? ['foreningar', 'ungdomar']).map((e) => ['behorighet', e]),
    ['oppnar', opts.opens ?? ymd(-5)],
    ['stanger', opts.closes ?? ymd(30)],
    ['budget', opts.budget ?? '10 000'],
    ['status', opts.status ?? 'oppet'],
    ['kategorier', opts.categories ?? CATEGORIES.join('\n')],
    ['kriterier', opts.criteria ?? 'Behovet kommer från unga.\nEn konkret åtgärd.\nÅterkoppling till deltagarna.'],
    ['kontakter', opts.contacts ?? 'Amanda Ricketts; koordinator; 073-144 56 36'],
    ['anteckningar', opts.notes ?? ''],
  ];
  const r = await submitEntries(k, '/projekt/ny', '/projekt/ny', entries);
  if (opts.raw) return r;
  assert.equal(r.status, 303, `new project: ${r.status} ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
  return r.location.replace(/^\/projekt\//, '');
}

/** The project edit form's current values as [name, value] entries, with
 *  `changes` applied. */
export async function projectEditEntries(k, slug, changes = {}) {
  const p = await k.get(`/projekt/${slug}/redigera`);
  assert.equal(p.status, 200);
  const val = (n) => {
    const inp = p.text.match(new RegExp(`<input\\b[^>]* name="${n}"[^>]*>`));
    if (inp) return unescapeHtml((inp[0].match(/ value="([^"]*)"/) || [null, ''])[1]);
    const ta = p.text.match(new RegExp(`<textarea\\b[^>]* name="${n}"[^>]*>([\\s\\S]*?)</textarea>`));
    if (ta) return unescapeHtml(ta[1]);
    const sel = p.text.match(new RegExp(`<select\\b[^>]* name="${n}"[^>]*>([\\s\\S]*?)</select>`));
    if (sel) return unescapeHtml((sel[1].match(/<option value="([^"]*)" selected>/) || [null, ''])[1]);
    return '';
  };
  const names = ['titel', 'sammanfattning', 'vad', 'varfor', 'hur', 'kortsiktigt', 'malvarde', 'malar', 'langsiktigt',
    'oppnar', 'stanger', 'budget', 'status', 'kategorier', 'kriterier', 'kontakter', 'anteckningar'];
  const e = names.map((n) => [n, n in changes ? changes[n] : val(n)]);
  const elig = changes.behorighet ?? [...p.text.matchAll(/name="behorighet" value="([^"]+)" checked/g)].map((m) => m[1]);
  for (const v of elig) e.push(['behorighet', v]);
  return e;
}

export async function editProject(k, slug, changes) {
  const e = await projectEditEntries(k, slug, changes);
  return submitEntries(k, `/projekt/${slug}/redigera`, `/projekt/${slug}/redigera`, e);
}

export { Client, hiddenFields, unescapeHtml, escapeHtml, signedIn };
