// A small HTTP client for the tests: a cookie jar, form fields taken from
// the page (the CSRF token, one-time keys), and raw requests for bytes a
// browser would never send.
import http from 'node:http';

export const DEMO_PASSWORD = 'samskap-demo';

/** The hidden inputs of the form whose action is `action` in `html`. */
export function hiddenFields(html, action) {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  // an action may carry a fragment (#skriv) so that an answer opens at the form
  const form = forms.find((f) => action === undefined || f.includes(`action="${action}"`) || f.includes(`action="${action}#`));
  if (!form) throw new Error(`no form with action ${action}`);
  const out = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out[m[1]] = m[2].replace(/&amp;/g, '&');
  }
  return out;
}

export class Client {
  constructor(base, { ip } = {}) {
    this.base = base;
    this.cookies = new Map();
    // each client looks like its own address (the server trusts
    // X-Forwarded-For in tests), so rate limits of one test do not hit another
    this.ip = ip || `10.${rnd()}.${rnd()}.${rnd()}`;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const c of res.headers.getSetCookie?.() || []) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/Max-Age=0/.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method, path, { body, headers = {}, redirect = 'manual' } = {}) {
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect,
      headers: { cookie: this.cookieHeader(), 'x-forwarded-for': this.ip, ...headers },
    });
    this.keepCookies(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(path, opts) {
    return this.request('GET', path, opts);
  }

  /** POST urlencoded fields as they are (no CSRF added). */
  postRaw(path, fields, opts = {}) {
    const body = fields instanceof URLSearchParams ? fields : new URLSearchParams(fields);
    return this.request('POST', path, {
      ...opts,
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) },
    });
  }

  /** POST a body exactly as given (a string or Buffer), urlencoded unless
   *  another content type is named: for bytes URLSearchParams cannot make,
   *  such as %FF. */
  postBody(path, body, { contentType = 'application/x-www-form-urlencoded', headers = {} } = {}) {
    return this.request('POST', path, { body, headers: { 'content-type': contentType, ...headers } });
  }

  /** Loads `page`, takes the hidden fields of the form posting to `action`,
   *  and posts them followed by `tail`, a raw urlencoded string. */
  async submitRaw(page, action, tail) {
    const p = await this.get(page);
    if (p.status !== 200) throw new Error(`GET ${page}: ${p.status}`);
    const head = new URLSearchParams(hiddenFields(p.text, action)).toString();
    return this.postBody(action, tail ? `${head}&${tail}` : head);
  }

  /** The CSRF token of the form posting to `action` on `page`. */
  async csrf(page, action) {
    const p = await this.get(page);
    return hiddenFields(p.text, action)._csrf;
  }

  /** Loads `page`, takes the hidden fields of the form posting to `action`,
   *  and posts them with `fields`. */
  async submit(page, action, fields = {}) {
    const p = await this.get(page);
    if (p.status !== 200) throw new Error(`GET ${page}: ${p.status}`);
    return this.postRaw(action, { ...hiddenFields(p.text, action), ...fields });
  }

  async login(email, password = DEMO_PASSWORD) {
    const r = await this.submit('/logga-in', '/logga-in', { epost: email, losenord: password });
    if (r.status !== 303) throw new Error(`login ${email} failed: ${r.status}\n${r.text.slice(0, 500)}`);
    return r;
  }
}

function rnd() {
  return Math.floor(Math.random() * 250) + 1;
}

/** A raw HTTP/1.1 request: the path is sent exactly as given. */
export function rawRequest(base, { method = 'GET', path = '/', headers = {}, body } = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Decodes the character references our HTML escaping produces. */
export function unescapeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

/** The value attribute of the input named `name` (decoded), or undefined. */
export function inputValue(html, name) {
  const tag = [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0])
    .find((t) => t.includes(` name="${name}"`));
  if (!tag) return undefined;
  const v = tag.match(/ value="([^"]*)"/);
  return v ? unescapeHtml(v[1]) : '';
}

/** The content of the textarea named `name` (decoded), or undefined. */
export function textareaValue(html, name) {
  const m = html.match(new RegExp(`<textarea\\b[^>]* name="${name}"[^>]*>([\\s\\S]*?)</textarea>`));
  return m ? unescapeHtml(m[1]) : undefined;
}

/** The value of the selected option of the select named `name`. */
export function selectedValue(html, name) {
  const m = html.match(new RegExp(`<select\\b[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  if (!m) return undefined;
  const o = m[1].match(/<option value="([^"]*)" selected>/);
  return o ? unescapeHtml(o[1]) : null;
}

/** Percent-encodes fields the way a browser does, for raw bodies. */
export function formEncode(fields) {
  return new URLSearchParams(fields).toString();
}
