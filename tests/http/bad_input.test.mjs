// Bad input, systematically, for every form and URL (issue 2, "Bad input"):
// invalid UTF-8, over-long fields, missing fields, control characters, HTML
// and script in every text field, wrong types in query strings, bodies
// over the limit or of the wrong kind, malformed paths and HTTP.  Each gets
// a clear Swedish message or the right status code, the form comes back
// filled in with what was valid, nothing stored changes, and the server
// keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO_PASSWORD, formEncode, inputValue, rawRequest, textareaValue } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertHealthy, assertNoActiveContent, assertSecurityHeaders, escapeHtml,
  pendingComments, rand, signedIn,
} from '../lib/http.mjs';

let srv;
let admin;
let comm;
let rep;
let pwUser;
let eraseUser;
const PW = 'ett alldeles utmärkt lösenord';
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>';

async function freshAccount() {
  const c = new Client(srv.base);
  const email = `bad-${rand()}@example.org`;
  const r = await c.submit('/registrera', '/registrera', { namn: `Konto ${rand()}`, epost: email, losenord: PW, losenord2: PW });
  assert.equal(r.status, 303);
  return { c, email };
}

before(async () => {
  srv = await startServer();
  admin = await signedIn(srv, 'admin@example.org');
  comm = await signedIn(srv, 'kommunikator@example.org');
  rep = await signedIn(srv, 'forening@example.org');
  pwUser = await freshAccount();
  eraseUser = await freshAccount();
});
after(async () => { await srv.stop(); });

const strip = (s) => s.replace(/value="[A-Za-z0-9_-]{16,}"/g, 'value=""')
  .replace(/<div class="flash" role="status">[^<]*<\/div>\n/g, '');

async function snapshot(c, paths) {
  const out = [];
  for (const p of paths) {
    await c.get(p); // shows and clears any flash message
    out.push(strip((await c.get(p)).text));
  }
  return out.join('\n=====\n');
}

/* Every form: who sends it, where, valid values, and its text fields with
 * their limits.  `state` reads what the form could change. */
const FORMS = [
  {
    name: 'sign-up', who: () => new Client(srv.base), page: '/registrera', action: '/registrera',
    valid: () => ({ namn: 'Giltig Gästsson', epost: `giltig-${rand()}@example.org`, losenord: PW, losenord2: PW }),
    fields: { namn: { max: 100 }, epost: { max: 254, email: true }, losenord: { max: 128, secret: true }, losenord2: { max: 128, secret: true } },
    state: () => snapshot(admin, ['/admin']),
  },
  {
    name: 'sign-in', who: () => new Client(srv.base), page: '/logga-in', action: '/logga-in',
    valid: () => ({ epost: 'ingen-sadan@example.org', losenord: 'fel-men-giltigt' }),
    fields: { epost: { max: 254 }, losenord: { max: 128, secret: true } },
    state: () => snapshot(admin, ['/admin']),
  },
  {
    name: 'change password', who: () => pwUser.c, page: '/konto/losenord', action: '/konto/losenord',
    valid: () => ({ nuvarande: PW, losenord: 'ett annat långt lösenord', losenord2: 'ett annat långt lösenord' }),
    fields: { nuvarande: { max: 128, secret: true }, losenord: { max: 128, secret: true }, losenord2: { max: 128, secret: true } },
    noValid: true, // a valid set would change the password
    state: async () => (await pwUser.c.get('/konto')).status,
  },
  {
    name: 'erase account', who: () => eraseUser.c, page: '/konto/radera', action: '/konto/radera',
    valid: () => ({ losenord: PW }),
    fields: { losenord: { max: 128, secret: true } },
    noValid: true,
    state: async () => (await eraseUser.c.get('/konto')).status,
  },
  {
    name: 'new organisation', who: () => admin, page: '/organisationer/ny', action: '/organisationer/ny',
    valid: () => ({ namn: `Giltiga föreningen ${rand()}`, typ: 'forening', sektor: 'ideell', paraply: '0',
      sammanfattning: 'En giltig mening.', beskrivning: 'Giltig text.\n\nAndra stycket.', webbplats: 'https://example.org' }),
    fields: { namn: { max: 120 }, sammanfattning: { max: 300, optional: true }, beskrivning: { max: 8000, optional: true, multiline: true },
      webbplats: { max: 300, optional: true }, paraply: { max: 30, optional: true, number: true } },
    state: () => snapshot(admin, ['/organisationer']),
  },
  {
    name: 'edit organisation', who: () => rep, page: '/organisationer/framtidsverkstaden/redigera',
    action: '/organisationer/framtidsverkstaden/redigera',
    valid: () => ({ namn: 'Framtidsverkstaden', typ: 'forening', sektor: 'ideell', paraply: '0',
      sammanfattning: 'Ändrad sammanfattning.', beskrivning: 'Ändrad text.', webbplats: 'https://example.org/fv' }),
    fields: { namn: { max: 120 }, sammanfattning: { max: 300, optional: true }, beskrivning: { max: 8000, optional: true, multiline: true },
      webbplats: { max: 300, optional: true } },
    noValid: true,
    state: () => snapshot(new Client(srv.base), ['/organisationer/framtidsverkstaden', '/organisationer']),
  },
  {
    name: 'new post', who: () => comm, page: '/nyheter/ny', action: '/nyheter/ny',
    valid: () => ({ rubrik: `Giltig rubrik ${rand()}`, ingress: 'Giltig ingress.', text: 'Giltig *text*.', status: 'utkast' }),
    fields: { rubrik: { max: 200 }, ingress: { max: 400, optional: true }, text: { max: 60000, multiline: true } },
    state: () => snapshot(comm, ['/redaktion', '/nyheter']),
  },
  {
    name: 'edit post', who: () => comm, page: '/nyheter/delaktighet-och-samskapande-med-ungdomar/redigera',
    action: '/nyheter/delaktighet-och-samskapande-med-ungdomar/redigera',
    valid: () => ({ rubrik: 'Ändrad rubrik', ingress: 'Ändrad ingress.', text: 'Ändrad text.', status: 'publicerad' }),
    fields: { rubrik: { max: 200 }, ingress: { max: 400, optional: true }, text: { max: 60000, multiline: true } },
    noValid: true,
    state: () => snapshot(new Client(srv.base), ['/nyheter/delaktighet-och-samskapande-med-ungdomar', '/nyheter.atom']),
  },
  {
    name: 'comment', who: () => new Client(srv.base), page: '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022',
    action: '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022/kommentera',
    valid: () => ({ namn: 'Giltig Gäst', epost: 'gast@example.org', kommentar: 'En giltig kommentar.' }),
    fields: { namn: { max: 80 }, epost: { max: 254, email: true }, kommentar: { max: 4000, multiline: true } },
    state: async () => JSON.stringify(await pendingComments(comm))
      + await snapshot(new Client(srv.base), ['/nyheter/gemensam-utvecklingsgrupp-21-mars-2022']),
  },
];

/* What each form answers with HTML and script in one field, the others
 * valid: 303 where the text is saved (and then shown escaped), 400 where the
 * value is refused for what it is — not an e-mail address, not a web
 * address, passwords that do not match or are wrong (a sign-in with them is
 * a wrong password: 400). */
const XSS_STATUS = {
  'sign-up': { namn: 303, epost: 400, losenord: 400, losenord2: 400 },
  'sign-in': { epost: 400, losenord: 400 },
  'change password': { nuvarande: 400, losenord: 400, losenord2: 400 },
  'erase account': { losenord: 400 },
  'new organisation': { namn: 303, sammanfattning: 303, beskrivning: 303, webbplats: 400 },
  'edit organisation': { namn: 303, sammanfattning: 303, beskrivning: 303, webbplats: 400 },
  'new post': { rubrik: 303, ingress: 303, text: 303 },
  'edit post': { rubrik: 303, ingress: 303, text: 303 },
  comment: { namn: 303, epost: 400, kommentar: 303 },
};

function refilled(html, name, spec) {
  return spec.multiline ? textareaValue(html, name) : inputValue(html, name);
}

/** Sends `fields` (valid ones) plus `raw` (a raw urlencoded piece) through
 *  the form, with a fresh CSRF token and one-time key. */
async function send(form, fields, raw) {
  const c = form.who();
  const body = [formEncode(fields), raw].filter(Boolean).join('&');
  return c.submitRaw(form.page, form.action, body);
}

/** The other fields came back as sent; secrets never come back. */
function assertKept(form, res, valid, except) {
  for (const [name, spec] of Object.entries(form.fields)) {
    if (name === except) continue;
    if (spec.secret) {
      assert.ok(!res.text.includes(escapeHtml(valid[name])), `${form.name}: the password in ${name} came back`);
      continue;
    }
    if (spec.number) continue;
    assert.equal(refilled(res.text, name, spec), valid[name],
      `${form.name}: ${name} did not come back filled in when ${except} was wrong`);
  }
}

function assertRefused(form, res, msgs, field, what) {
  const label = `${form.name}, ${field} ${what}`;
  assert.equal(res.status, 400, `${label}: status ${res.status}`);
  assert.match(res.text, /<html lang="sv">/, label);
  assert.ok(res.text.includes(MSG.errorsTitle), `${label}: no error summary`);
  const list = Array.isArray(msgs) ? msgs : [msgs];
  assert.ok(list.some((m) => res.text.includes(escapeHtml(m))), `${label}: none of ${JSON.stringify(list)} is on the page`);
  assert.match(res.text, new RegExp(`<p class="error" id="e-${field}">`), `${label}: the error is not at the field`);
  assertSecurityHeaders(res, label);
  assertNoActiveContent(res.text, label);
}

for (const form of FORMS) {
  test(`${form.name}: invalid UTF-8, over-long, missing and control characters in every field`, async () => {
    const before = await form.state();
    for (const [field, spec] of Object.entries(form.fields)) {
      const valid = form.valid();
      const others = { ...valid };
      delete others[field];

      // invalid UTF-8 (a lone continuation byte, an overlong '/', a surrogate, a NUL)
      for (const bad of ['%FF%FE', 'abc%C3%28', '%C0%AF', '%ED%A0%80', 'a%00b']) {
        const r = await send(form, others, `${field}=${bad}`);
        assertRefused(form, r, [MSG.encoding, MSG.control], field, `= ${bad}`);
        assertKept(form, r, valid, field);
      }
      // over-long (counted in characters: å is two bytes)
      // (å is 6 bytes urlencoded: long texts use ASCII to stay under the body limit)
      const long = spec.number ? '9'.repeat(31) : (spec.max < 10000 ? 'å' : 'x').repeat(spec.max + 1);
      let r = await send(form, { ...others, [field]: long });
      assertRefused(form, r, [MSG.tooLong, 'Lösenordet är för långt.', MSG.notNumber, MSG.email], field, 'over-long');
      assertKept(form, r, valid, field);
      if (!spec.secret && !spec.email && !spec.number && spec.max <= 400) {
        assert.ok(!r.text.includes(long.slice(0, spec.max + 1)) || refilled(r.text, field, spec) === long,
          `${form.name}: ${field} is cut silently`);
      }
      // missing, and only blanks
      if (!spec.optional) {
        r = await send(form, others);
        assertRefused(form, r, MSG.required, field, 'missing');
        assertKept(form, r, valid, field);
        r = await send(form, { ...others, [field]: ' \t ' });
        assertRefused(form, r, [MSG.required, MSG.control], field, 'blank');
      }
      // control characters (a newline only where the field is multi-line)
      if (!spec.secret) {
        const ctl = spec.multiline ? 'rad\u0007bell' : 'rad\nny';
        r = await send(form, { ...others, [field]: ctl });
        assertRefused(form, r, [MSG.control, MSG.email, MSG.notNumber], field, 'with a control character');
      }
      // an invalid field name
      r = await send(form, valid, '%FF%FE=1');
      assertErrorPage(r, 400, `${form.name}: invalid UTF-8 in a field name`);
    }
    assert.equal(await form.state(), before, `${form.name}: refused input changed what is stored`);
    await assertHealthy(srv.base);
  });

  test(`${form.name}: HTML and script in every text field come back escaped`, async () => {
    for (const [field, spec] of Object.entries(form.fields)) {
      if (spec.number) continue;
      const valid = form.valid();
      const text = `Text ${XSS}`;
      const r = await send(form, { ...valid, [field]: spec.max < text.length ? XSS.slice(0, spec.max) : text });
      assert.equal(r.status, XSS_STATUS[form.name][field], `${form.name}, ${field}: status ${r.status}`);
      assertNoActiveContent(r.text, `${form.name}, ${field}`);
      if (spec.secret) assert.ok(!r.text.includes('alert('), `${form.name}: the password came back`);
      if (r.status === 400 && !spec.secret && !spec.email) {
        // when refused for something else, the field comes back escaped
        const v = refilled(r.text, field, spec);
        if (v !== '') assert.ok(v.includes('<script>'), `${form.name}, ${field}: not refilled`);
      }
      if (r.status === 303 && r.location && !form.noValid) {
        const page = await form.who().get(r.location.replace(/#.*/, ''));
        assertNoActiveContent(page.text, `${form.name}, ${field}, after saving`);
      }
    }
  });
}

test('edit forms: the HTML saved in the last step shows escaped everywhere', async () => {
  // the organisation and the post edited with script in every field
  const anon = new Client(srv.base);
  for (const p of ['/organisationer/framtidsverkstaden', '/organisationer', '/nyheter', '/nyheter.atom', '/',
    '/nyheter/delaktighet-och-samskapande-med-ungdomar']) {
    const r = await anon.get(p);
    assert.equal(r.status, 200, p);
    assertNoActiveContent(r.text, p);
  }
});

// ---- URLs ----

/** Pages answered as if nothing was wrong: no Swedish message about the
 *  parameter.  Each is a bad parameter on a page that exists: 400. */
async function silentlyAccepted(paths) {
  const c = new Client(srv.base);
  const silent = [];
  for (const p of paths) {
    const r = await (p.startsWith('/admin') ? admin : c).get(p);
    assert.equal(r.status, 400, `${p}: ${r.status}`);
    assertSecurityHeaders(r, p);
    assertNoActiveContent(r.text, p);
    const said = r.text.includes('class="error-summary"') || /gick inte att läsa|Felaktig förfrågan|Sidan finns inte/.test(r.text);
    if (!said) silent.push(`${p} → ${r.status}`);
  }
  return silent;
}

test('a page number of the wrong type (?sida=abc, -1, 0, 1.5, %FF) gets 400 or 404, not page 1', async () => {
  const silent = await silentlyAccepted([
    '/nyheter?sida=abc', '/nyheter?sida=-1', '/nyheter?sida=0', '/nyheter?sida=1.5', '/nyheter?sida=%FF%FE',
    '/nyheter?sida=99999999999999999999', '/nyheter?sida=2abc', '/admin?sida=abc', '/admin/logg?sida=-5',
  ]);
  assert.deepEqual(silent, [], 'these were answered with page 1 as if nothing was wrong');
});

test('a search text with invalid UTF-8, control characters or over 100 characters gets a message, not all results', async () => {
  const silent = await silentlyAccepted([
    '/organisationer?q=%FF%FE', `/organisationer?q=${'x'.repeat(101)}`, '/organisationer?q=a%01b', '/admin?q=%FF%FE',
    `/admin?q=${'y'.repeat(101)}`,
  ]);
  assert.deepEqual(silent, [], 'these were answered with the unfiltered list as if nothing was wrong');
});

test('an unknown organisation kind (?typ=okand) gets a message or 400, not all kinds', async () => {
  const silent = await silentlyAccepted(['/organisationer?typ=okand', '/organisationer?typ=%FF', '/organisationer?typ=PARAPLY']);
  assert.deepEqual(silent, [], 'these were answered with every kind as if nothing was wrong');
});

/* A page reads the parameters it knows and ignores the others: 200 — but a
 * parameter it reads that cannot be read is 400 (the page number of /nyheter
 * and of a post's comments), and more than 200 arguments are 414 on every page. */
function queryStatus(page, query) {
  if (query.split('&').length > 200) return 414;
  if (page.startsWith('/nyheter') && !page.endsWith('.atom') && query === '?sida=%FF') return 400;
  return 200;
}

test('invalid UTF-8 and odd values in the query of every page never break it', async () => {
  const c = new Client(srv.base);
  const pages = ['/', '/nyheter', '/nyheter.atom', '/organisationer', '/organisationer/helsam', '/tillganglighet',
    '/integritet', '/logga-in', '/registrera', '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022', '/healthz'];
  const queries = ['?%FF%FE=%FF%FE', '?sida=%FF', '?q=%3Cscript%3Ealert(1)%3C/script%3E', '?nasta=%FF&tillbaka=%FF',
    `?${'a=1&'.repeat(600)}`, '?a=%', '?a=%G1', '?=&=&', '?%00=%00'];
  for (const p of pages) {
    for (const q of queries) {
      const r = await c.get(p + q);
      assert.equal(r.status, queryStatus(p, q), `${p}${q.slice(0, 30)}: ${r.status}`);
      assertNoActiveContent(r.text, `${p}${q.slice(0, 30)}`);
      assertSecurityHeaders(r, p + q.slice(0, 30));
    }
  }
  const login = await c.get('/logga-in?nasta=%FF%FE');
  assert.match(login.text, /name="nasta" value="\/konto"/);
  const lang = await c.get('/sprak/en?tillbaka=%FF%FE');
  assert.equal(lang.status, 303);
  assert.equal(lang.location, '/');
  await assertHealthy(srv.base);
});

test('invalid UTF-8 and control characters in paths get 400, over-long paths 414', async () => {
  const c = new Client(srv.base);
  for (const p of ['/nyheter/%FF%FE', '/organisationer/%C3%28', '/%ED%A0%80', '/nyheter/%0Ax', '/nyheter/%1B[31m',
    '/nyheter/a%7Fb', '/nyheter/%C2%85']) {
    assertErrorPage(await c.get(p), 400, p);
  }
  const long = await rawRequest(srv.base, { path: `/nyheter/${'a'.repeat(2100)}` });
  // a path over 2 000 bytes is "too long", 414, as a query over its limit is
  assertErrorPage(long, 414, `long path: ${long.status}`);
  // larger than libmicrohttpd's per-connection pool: its own 414, at once
  const huge = await rawRequest(srv.base, { path: `/${'a'.repeat(100000)}` });
  assert.equal(huge.status, 414, `very long path: ${huge.status}`);
  await assertHealthy(srv.base);
});

test('a query with thousands of arguments gets a Swedish 414 at once, not a silent wait', async () => {
  const many = (n) => Array.from({ length: n }, (_, i) => `a${i}=1`).join('&');
  const cases = [
    ['GET', `/nyheter?${many(201)}`],
    ['GET', `/nyheter?${many(1500)}`], // libmicrohttpd's pool would run out here
    ['GET', `/?${'&'.repeat(12000)}`],
    ['GET', `/?q=${'x'.repeat(8200)}`],
    ['GET', `/?q=${'x'.repeat(17000)}`],
    ['POST', `/logga-in?${many(3000)}`],
  ];
  for (const [method, path] of cases) {
    const what = `${method} ${path.slice(0, 30)}… (${path.length} bytes)`;
    const started = Date.now();
    const r = await Promise.race([
      rawRequest(srv.base, { method, path, body: method === 'POST' ? 'a=b' : undefined,
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in 5 s: ${what}`)), 5000)),
    ]);
    assertErrorPage(r, 414, what);
    assert.ok(Date.now() - started < 5000, what);
  }
  // up to the limits the query is read as usual, with room left for headers
  const fine = await rawRequest(srv.base, { path: `/nyheter?${many(200)}`, headers: { 'x-pad': 'p'.repeat(7000) } });
  assert.equal(fine.status, 200);
  const long = await rawRequest(srv.base, { path: `/?q=${'x'.repeat(8180)}`, headers: { 'x-pad': 'p'.repeat(7000) } });
  assert.equal(long.status, 200);
  await assertHealthy(srv.base);
});

test('an encoded NUL in the path is refused, not cut off', async () => {
  const c = new Client(srv.base);
  const wrong = [];
  for (const p of ['/nyheter%00.php', '/nyheter/%00', '/konto%00', '/static/samskap.css%00.txt', '/%00']) {
    const r = await rawRequest(srv.base, { path: p });
    if (r.status !== 400) wrong.push(`${p} → ${r.status}`);
  }
  assert.deepEqual(wrong, [], 'the path was cut at the NUL and served as another page');
  await c.get('/');
});

test('every POST route answers a body over the limit with 413, and the server keeps serving', async () => {
  const routes = ['/registrera', '/logga-in', '/logga-ut', '/konto/losenord', '/konto/radera',
    '/admin/anvandare/1/roller', '/admin/anvandare/1/organisationer', '/organisationer/ny',
    '/organisationer/helsam/redigera', '/nyheter/ny', '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022/kommentera',
    '/nyheter/gemensam-utvecklingsgrupp-21-mars-2022/redigera', '/redaktion/kommentarer/1', '/finns-inte', '/'];
  const big = `namn=${'a'.repeat(256 * 1024)}`;
  const before = await snapshot(admin, ['/organisationer/helsam', '/admin']);
  for (const path of routes) {
    const r = await admin.postBody(path, big);
    assertErrorPage(r, 413, `POST ${path}`);
    await assertHealthy(srv.base);
  }
  // a multipart body is allowed more, but not without end.  (The server
  // answers before reading the whole body and closes, so the client may
  // see the connection reset before the answer: either is accepted here.)
  try {
    const r = await admin.postBody('/registrera', Buffer.alloc(7 * 1024 * 1024, 97), { contentType: 'multipart/form-data; boundary=x' });
    assertErrorPage(r, 413, 'a 7 MB multipart body');
  } catch (e) {
    assert.match(String(e.cause?.code || e.message), /EPIPE|ECONNRESET|other side closed|fetch failed/);
  }
  assert.equal(await snapshot(admin, ['/organisationer/helsam', '/admin']), before);
  await assertHealthy(srv.base);
});

test('bodies that are not urlencoded forms get 400', async () => {
  const c = new Client(srv.base);
  const token = await c.csrf('/registrera', '/registrera');
  const cases = [
    ['text/plain', `_csrf=${token}&namn=x`],
    ['application/json', JSON.stringify({ _csrf: token, namn: 'x' })],
    ['multipart/form-data; boundary=b', `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--b--\r\n`],
    ['application/xml', '<a/>'],
    ['', `_csrf=${token}&namn=x`],
    ['application/x-www-form-urlencoded', `_csrf=${token}&${'f=1&'.repeat(600)}`],
    ['application/x-www-form-urlencoded', `_csrf=${token}&namn=%`],
    ['application/x-www-form-urlencoded', `_csrf=${token}&na%00mn=x`],
  ];
  for (const [type, body] of cases) {
    const r = type ? await c.postBody('/registrera', body, { contentType: type })
      : await c.request('POST', '/registrera', { body });
    assertErrorPage(r, 400, `Content-Type ${type || '(none)'}: ${body.slice(0, 40)}`);
  }
  await assertHealthy(srv.base);
});

test('malformed HTTP gets one answer each and the server keeps serving', async () => {
  function raw(text) {
    return new Promise((resolve) => {
      const s = net.connect(srv.port, '127.0.0.1', () => s.end(text));
      let d = '';
      s.on('data', (x) => { d += x; });
      s.on('close', () => resolve(d));
      s.on('error', () => resolve(d));
    });
  }
  // [request, status]: 0 is a connection closed without an answer (a request
  // line libmicrohttpd cannot read); the unreadable cookie and query byte are
  // ignored (200), /konto signed out is 303; an unknown path is 404 whatever the method
  for (const [req, expected] of [
    ['POST /registrera HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n', 400],
    ['POST /registrera HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n', 400],
    ['POST /registrera HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n', 413],
    ['GET / HTTP/1.1\r\nHost: x\r\nCookie: sid=\xff\xfe; lang=\xff\r\nConnection: close\r\n\r\n', 200],
    ['GET /nyheter?q=\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 200],
    ['GARBAGE\r\n\r\n', 0],
    [`GET /konto HTTP/1.1\r\nHost: x\r\nCookie: ${Array.from({ length: 150 }, (_, i) => `c${i}=v${i}`).join('; ')}; noequals; =novalue; sid\r\nConnection: close\r\n\r\n`, 303],
    ['GET / HTTP/1.0\r\n\r\n', 200],
    [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(70000)}\r\nConnection: close\r\n\r\n`, 431],
    ['BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 404],
  ]) {
    const res = await raw(req);
    const status = Number(res.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
    assert.equal(status, expected, `${JSON.stringify(req.slice(0, 40))}: ${status}`);
    assert.doesNotMatch(res, /HTTP\/1\.1 5\d\d/);
    await assertHealthy(srv.base);
  }
  // an unknown method on a known page is 405 with Allow
  const r = await rawRequest(srv.base, { method: 'BREW', path: '/' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, 'GET, HEAD');
});

test('the demo accounts still work after all the bad input', async () => {
  const c = new Client(srv.base);
  await c.login('kommunikator@example.org', DEMO_PASSWORD);
  assert.equal((await pwUser.c.get('/konto')).status, 200);
  const again = new Client(srv.base);
  await again.login(pwUser.email, PW); // the password never changed
  assert.equal((await eraseUser.c.get('/konto')).status, 200);
  await assertHealthy(srv.base);
});
