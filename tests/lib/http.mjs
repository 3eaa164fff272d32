// Assertions and page readers shared by the HTTP tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Client, hiddenFields, unescapeHtml } from './client.mjs';

/** The Swedish titles of the error pages (locale/sv/core.txt error.*.title). */
export const ERROR_TITLES = {
  400: 'Felaktig förfrågan',
  403: 'Åtkomst nekad',
  404: 'Sidan finns inte',
  405: 'Metoden stöds inte',
  413: 'För mycket data',
  414: 'För lång adress',
  500: 'Något gick fel',
  503: 'Vi hinner inte just nu',
};

/** Swedish messages of the form errors (locale/sv/*.txt err.*). */
export const MSG = {
  required: 'Fyll i fältet.',
  tooLong: 'Texten är för lång.',
  encoding: 'Fältet innehöll tecken som inte gick att läsa. Skriv in texten igen.',
  control: 'Fältet innehåller otillåtna kontrolltecken.',
  notNumber: 'Skriv ett heltal, till exempel 12.',
  choice: 'Välj ett av alternativen.',
  email: 'Skriv en giltig e-postadress, till exempel namn@example.org.',
  emailTaken: 'Det finns redan ett konto med den e-postadressen. Logga in i stället.',
  passwordShort: 'Lösenordet måste ha minst 10 tecken.',
  passwordMismatch: 'Lösenorden är inte likadana.',
  passwordWrong: 'Lösenordet stämmer inte.',
  loginFailed: 'Fel e-postadress eller lösenord.',
  loginRate: 'För många misslyckade inloggningsförsök. Vänta 15 minuter och försök igen.',
  commentRate: 'Du har skickat många kommentarer på kort tid. Vänta en stund och försök igen.',
  pnr: 'Texten innehåller något som ser ut som ett personnummer. Ta bort det – samskap publicerar aldrig personnummer.',
  website: 'Skriv en fullständig webbadress som börjar med https://.',
  parent: 'Välj en paraplyorganisation som inte själv är medlem i en annan.',
  errorsTitle: 'Det finns fel i formuläret',
};

function header(res, name) {
  const h = res.headers;
  if (typeof h.get === 'function') return h.get(name);
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v ?? null;
}

/** Content-Security-Policy (default-src 'self', frame-ancestors 'none'),
 *  nosniff and a Referrer-Policy, on every response. */
export function assertSecurityHeaders(res, what = '') {
  const csp = header(res, 'content-security-policy');
  assert.ok(csp, `no Content-Security-Policy ${what}`);
  assert.match(csp, /(^|;)\s*default-src 'self'/, `CSP without default-src 'self' ${what}`);
  assert.match(csp, /(^|;)\s*frame-ancestors 'none'/, `CSP without frame-ancestors 'none' ${what}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP allows unsafe script ${what}`);
  assert.equal(header(res, 'x-content-type-options'), 'nosniff', `X-Content-Type-Options ${what}`);
  const rp = header(res, 'referrer-policy');
  assert.ok(rp && /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(rp),
    `Referrer-Policy missing or leaky (${rp}) ${what}`);
}

/** A Swedish error page with the given status and the security headers. */
export function assertErrorPage(res, status, what = '') {
  assert.equal(res.status, status, `status ${what}: ${res.text.slice(0, 300)}`);
  assert.match(res.text, /<html lang="sv">/, `error page not Swedish ${what}`);
  assert.ok(res.text.includes(`<h1>${ERROR_TITLES[status]}</h1>`),
    `error page without the Swedish title "${ERROR_TITLES[status]}" ${what}`);
  assert.ok(res.text.includes(`Felkod ${status}`), `error page without "Felkod ${status}" ${what}`);
  assert.doesNotMatch(res.text, /Not Found|Bad Request|Forbidden|Payload Too Large|Method Not Allowed|Internal Server Error/,
    `English on the error page ${what}`);
  assert.match(header(res, 'content-type') || '', /^text\/html; charset=utf-8/i);
  assertSecurityHeaders(res, what);
}

/** A form page that came back with a Swedish error summary holding `msg`. */
export function assertFormError(res, msg, { status = 400, field } = {}) {
  assert.equal(res.status, status, `expected ${status} with "${msg}", got ${res.status}: ${res.text.slice(0, 300)}`);
  assert.ok(res.text.includes(MSG.errorsTitle) || res.text.includes('class="error-summary"'),
    'no error summary on the form page');
  assert.ok(res.text.includes(escapeHtml(msg)), `the page does not say "${msg}"`);
  // the title says it first (screen readers read it on load)
  assert.match(res.text, /<title>Fel: /, 'the page title does not begin with "Fel: "');
  if (field) {
    const summary = (res.text.match(/<div class="error-summary"[\s\S]*?<\/div>/) || [''])[0];
    assert.match(summary, new RegExp(`<a href="#f-${field}">`), `the error summary does not link to field ${field}`);
    assert.match(res.text, new RegExp(`<p class="error" id="e-${field}">`), `no error at field ${field}`);
    assert.match(res.text, new RegExp(`name="${field}"[^>]*aria-invalid="true"`), `field ${field} not marked invalid`);
  }
  assertSecurityHeaders(res);
}

export function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The tags of an HTML text as {name, attrs: [[name, value]]}, read the
 *  way a browser tokenises them (quoted values may hold escaped text). */
export function htmlTags(text) {
  const out = [];
  const tagRe = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[\s/]+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)[\s/]*>/g;
  for (const m of text.matchAll(tagRe)) {
    const attrs = [];
    for (const a of m[2].matchAll(/[\s/]+([^\s"'>\/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
      let v = a[2] ?? '';
      if (v.startsWith('"') || v.startsWith("'")) v = v.slice(1, -1);
      attrs.push([a[1].toLowerCase(), unescapeHtml(v)]);
    }
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

/** No markup an attacker could have smuggled in: our pages carry no
 *  script elements, event-handler attributes or script URLs. */
export function assertNoActiveContent(text, what = '') {
  for (const t of htmlTags(text)) {
    assert.ok(!['script', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'frame', 'applet', 'style', 'meta']
      .includes(t.name) || (t.name === 'meta' && t.attrs.every(([n]) => ['charset', 'name', 'content'].includes(n))),
    `a <${t.name}> element ${what}`);
    for (const [n, v] of t.attrs) {
      assert.ok(!n.startsWith('on'), `an event handler attribute ${n}= on <${t.name}> ${what}`);
      assert.ok(n !== 'style' && n !== 'srcdoc', `a ${n}= attribute on <${t.name}> ${what}`);
      // our own second button of a form posts to another path of ours (opening at #fel)
      assert.ok(n !== 'formaction' || /^\/[a-z0-9/-]*(#[a-z-]+)?$/.test(v), `a formaction="${v}" on <${t.name}> ${what}`);
      if (['href', 'src', 'action', 'xlink:href', 'data', 'poster', 'background'].includes(n)) {
        const url = v.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        assert.ok(!/^(javascript|vbscript|data|file):/.test(url), `a script URL ${n}="${v}" on <${t.name}> ${what}`);
      }
    }
  }
  assert.doesNotMatch(text, /<(script|svg|iframe|object|embed)[\s/>]/i, `raw active element ${what}`);
}

/** Checks that `text` is well-formed XML with Python's parser; returns the
 *  parser's message, or null when it is fine. */
export function xmlProblem(text) {
  const r = spawnSync('python3', ['-c',
    'import sys, xml.etree.ElementTree as ET\n'
    + 'try:\n  ET.fromstring(sys.stdin.buffer.read())\n'
    + 'except Exception as e:\n  print(e); sys.exit(1)\n'], { input: text, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0 ? null : (r.stdout || r.stderr || 'not well-formed');
}

/** Atom entries as {title, id, link, content} using Python's XML parser. */
export function atomEntries(text) {
  const r = spawnSync('python3', ['-c', `
import sys, json, xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
root = ET.fromstring(sys.stdin.buffer.read())
out = []
for e in root.findall(A + 'entry'):
    link = e.find(A + 'link')
    out.append({'title': e.findtext(A + 'title'), 'id': e.findtext(A + 'id'),
                'link': link.get('href') if link is not None else None,
                'summary': e.findtext(A + 'summary'), 'content': e.findtext(A + 'content')})
print(json.dumps(out))
`], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`feed did not parse: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The server answers /healthz. */
export async function assertHealthy(base) {
  const res = await fetch(`${base}/healthz`);
  assert.equal(res.status, 200, 'the server stopped serving');
  assert.equal(await res.text(), 'ok\n');
}

/** Signed-in clients, one per e-mail, made once per server. */
const sessions = new WeakMap();
export async function signedIn(srv, email) {
  if (!sessions.has(srv)) sessions.set(srv, new Map());
  const m = sessions.get(srv);
  if (!m.has(email)) {
    const c = new Client(srv.base);
    await c.login(email);
    m.set(email, c);
  }
  return m.get(email);
}

/** The id of the user called `name`, from the administrator's list. */
export async function userId(admin, name) {
  const r = await admin.get(`/admin?q=${encodeURIComponent(name)}`);
  assert.equal(r.status, 200);
  const m = r.text.match(new RegExp(`<a href="/admin/anvandare/(\\d+)">${escapeRe(escapeHtml(name))}</a>`));
  assert.ok(m, `user ${name} not in the admin list`);
  return m[1];
}

/** The id of the organisation called `name`, from an admin user page. */
export async function orgId(admin, uid, name) {
  const r = await admin.get(`/admin/anvandare/${uid}`);
  const m = r.text.match(new RegExp(`<option value="(\\d+)">${escapeRe(escapeHtml(name))}</option>`));
  assert.ok(m, `organisation ${name} not in the select`);
  return m[1];
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The comments waiting at /redaktion: [{id, html}]. */
export async function pendingComments(moderator) {
  const r = await moderator.get('/redaktion');
  assert.equal(r.status, 200);
  return [...r.text.matchAll(/<article class="card moderation" aria-labelledby="m(\d+)">([\s\S]*?)<\/article>/g)]
    .map((m) => ({ id: m[1], html: m[2] }));
}

/** Approves (or rejects) the pending comment whose text contains `needle`. */
export async function moderate(moderator, needle, decision = 'godkand') {
  const all = await pendingComments(moderator);
  const c = all.find((x) => x.html.includes(escapeHtml(needle)));
  assert.ok(c, `no pending comment with ${needle}`);
  const action = `/redaktion/kommentarer/${c.id}`;
  const page = await moderator.get('/redaktion');
  const fields = hiddenFields(page.text, action);
  const r = await moderator.postRaw(action, { ...fields, beslut: decision });
  assert.equal(r.status, 303, `moderation failed: ${r.status}`);
  return c.id;
}

/** Post slugs linked from a page. */
export function postSlugs(html) {
  return [...new Set([...html.matchAll(/href="\/nyheter\/([a-z0-9-]+)"/g)].map((m) => m[1]))]
    .filter((s) => s !== 'ny');
}

/** Organisation slugs linked from a page. */
export function orgSlugs(html) {
  return [...new Set([...html.matchAll(/href="\/organisationer\/([a-z0-9-]+)"/g)].map((m) => m[1]))]
    .filter((s) => s !== 'ny');
}

export function rand() {
  return Math.random().toString(36).slice(2, 10);
}

/** The notifications on /aviseringar: [{ id, text, unread }]. */
export function notificationList(html) {
  return [...html.matchAll(/<li( class="unread")?><a href="\/aviseringar\/(\d+)">([\s\S]*?)<\/a>/g)]
    .map((m) => ({ id: m[2], unread: Boolean(m[1]), text: unescapeHtml(m[3]) }));
}

/** Each notification with where following it leads (following marks it read). */
export async function notificationTargets(c) {
  const out = [];
  for (const n of notificationList((await c.get('/aviseringar')).text)) {
    const r = await c.get(`/aviseringar/${n.id}`);
    assert.equal(r.status, 303, `following notification ${n.id}: ${r.status}`);
    out.push({ ...n, target: r.location });
  }
  return out;
}

export { unescapeHtml };

/** Fails naming the rows that differ when two snapshots of the stored data
 * (one row a line) are not the same. */
export function assertSameSnapshot(what, before, after) {
  if (before !== after) {
    const a = before.split('\n');
    const b = after.split('\n');
    const diff = [...b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`), ...a.filter((l) => !b.includes(l)).map((l) => `- ${l}`)];
    assert.fail(`${what}: stored data changed:\n${diff.slice(0, 20).join('\n')}`);
  }
}

/** Waits until `cond()` is true, polling every 20 ms, for at most `ms`:
 *  for what another process writes in its own time (a log line, bytes on a
 *  socket), instead of sleeping a guessed while and checking once. */
export async function waitUntil(cond, what, ms = 5000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > until) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
