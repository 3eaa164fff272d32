// bench/pages-crawl.mjs — used by `bench/run --pages`: crawls a running samskap anonymously
// and signed in as each demo role, groups the URLs it finds by route pattern (the GET
// patterns of src/web, in the order of src/web/route_list.h, matched the way
// src/http/router.c does: segment by segment, '*' = one whole segment) and writes one
// example URL per page type.
//
//   node bench/pages-crawl.mjs BASE ROOT OUTDIR
//
// Writes OUTDIR/types.tsv: who <TAB> pattern <TAB> url <TAB> cookie   (one line per type;
// who is "anon" or the role's e-mail address; cookie is "" for anonymous)
// and OUTDIR/crawl.tsv: who <TAB> status <TAB> pattern <TAB> url   (every request made).
// Page types: every route an anonymous visitor reaches with a 200 is an anonymous type; a route
// only signed-in visitors reach is a signed-in type, measured as the first role (in the order
// below) that reached it; the front page signed in as the first role is one more signed-in
// type, the reference for what signing in costs on a page everyone sees.
// Only GET requests are made, never a form is posted except the sign-in itself.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [base, root, outdir] = process.argv.slice(2);
if (!base || !root || !outdir) {
  console.error('usage: pages-crawl.mjs BASE ROOT OUTDIR');
  process.exit(2);
}
const ROLES = (process.env.BENCH_PAGES_ROLES ||
  'admin koordinator kommunikator forening ungdom reporter klarsprak').split(/\s+/).filter(Boolean)
  .map((r) => (r.includes('@') ? r : `${r}@example.org`));
const PASSWORD = 'samskap-demo';
const PER_PATTERN = Number(process.env.BENCH_PAGES_VISITS || 4); // pages visited per route and visitor
const MAX_REQUESTS = Number(process.env.BENCH_PAGES_MAX_REQUESTS || 3000); // per visitor

// ------------------------------------------------------------------ the route patterns

function sourceFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.c')) out.push(p);
  }
  return out;
}

/** The GET patterns in the order the router tries them. */
function routePatterns() {
  const order = [...readFileSync(path.join(root, 'src/web/route_list.h'), 'utf8')
    .matchAll(/^ROUTES\((\w+)\)/gm)].map((m) => m[1]);
  const tables = new Map();
  for (const f of sourceFiles(path.join(root, 'src/web'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/const struct route (\w+)\[\]\s*=\s*\{([\s\S]*?)\n\};/g)) {
      const rows = [...m[2].matchAll(/\{\s*([A-Z_| ]+?)\s*,\s*"([^"]+)"/g)]
        .filter((r) => /\bM_GET\b/.test(r[1])).map((r) => r[2]);
      tables.set(m[1], rows);
    }
  }
  const pats = [];
  for (const t of order) {
    if (!tables.has(t)) console.error(`pages-crawl: route table ${t} not found in src/web`);
    pats.push(...(tables.get(t) || []));
  }
  return pats;
}

function matches(pat, p) {
  const a = pat.split('/');
  const b = p.split('/');
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '*') { if (b[i] === '') return false; } else if (a[i] !== b[i]) return false;
  }
  return true;
}

const PATTERNS = routePatterns();
function patternOf(p) {
  return PATTERNS.find((pat) => matches(pat, p));
}

// ------------------------------------------------------------------ HTTP

class Visitor {
  constructor(who) {
    this.who = who;
    this.cookies = new Map();
  }
  cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(res) {
    for (const c of res.headers.getSetCookie?.() || []) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      if (/Max-Age=0/i.test(c) || pair.slice(i + 1) === '') this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  async request(method, url, body) {
    const headers = {};
    if (this.who !== 'anon' && this.cookies.size) headers.cookie = this.cookie();
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(base + url, { method, headers, body, redirect: 'manual' });
    if (this.who !== 'anon') this.keep(res); // anonymous: every request is a first visit
    const type = res.headers.get('content-type') || '';
    const text = /html/.test(type) ? await res.text() : (await res.arrayBuffer(), '');
    return { status: res.status, text, location: res.headers.get('location') };
  }
  async login() {
    const page = await this.request('GET', '/logga-in');
    const form = [...page.text.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0])
      .find((f) => /action="\/logga-in(#[^"]*)?"/.test(f));
    if (!form) throw new Error('no sign-in form on /logga-in');
    const fields = new URLSearchParams();
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields.set(m[1], m[2].replace(/&amp;/g, '&'));
    }
    fields.set('epost', this.who);
    fields.set('losenord', PASSWORD);
    const r = await this.request('POST', '/logga-in', fields.toString());
    if (r.status !== 303) throw new Error(`signing in as ${this.who}: ${r.status}`);
  }
}

function decode(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Same-site GET links of a page, as path + query, without fragment. */
function links(html) {
  const out = [];
  for (const m of html.matchAll(/<(?:a|link)\b[^>]*?\shref="([^"]*)"/g)) {
    let u;
    try { u = new URL(decode(m[1]), base + '/'); } catch { continue; }
    if (u.origin !== new URL(base).origin) continue;
    out.push(u.pathname + u.search);
  }
  return out;
}

// pages no link leads to (a GET form, a list only the menu of another family links)
const SEEDS = (process.env.BENCH_PAGES_SEEDS ?? '/sok?q=ungdomar /grupper').split(/\s+/).filter(Boolean);

async function crawl(v, log) {
  const seen = new Set(['/', ...SEEDS]);
  const queue = ['/', ...SEEDS];
  const visits = new Map(); // pattern -> pages visited
  const first = new Map(); // pattern -> first URL answered 200
  let n = 0;
  while (queue.length && n < MAX_REQUESTS) {
    const url = queue.shift();
    const p = url.split('?')[0];
    const pat = patternOf(p);
    if (!pat) continue;
    if ((visits.get(pat) || 0) >= PER_PATTERN) continue;
    visits.set(pat, (visits.get(pat) || 0) + 1);
    n++;
    let r;
    try { r = await v.request('GET', url); } catch (e) { log.push([v.who, 'ERR', pat, url]); continue; }
    log.push([v.who, String(r.status), pat, url]);
    if (r.status === 200 && !first.has(pat)) first.set(pat, url);
    const more = r.status === 200 ? links(r.text) : (r.location ? [r.location] : []);
    for (const l of more) {
      if (seen.has(l)) continue;
      seen.add(l);
      queue.push(l);
    }
  }
  return first;
}

// ------------------------------------------------------------------ main

const log = [];
const types = [];
const anon = new Visitor('anon');
const anonFound = await crawl(anon, log);
for (const [pat, url] of anonFound) types.push(['anon', pat, url, '']);
const claimed = new Set(anonFound.keys());
let firstRole = null;
for (const who of ROLES) {
  const v = new Visitor(who);
  await v.login();
  const found = await crawl(v, log);
  if (!firstRole) {
    firstRole = v;
    if (found.has('/')) types.push([who, '/', '/', v.cookie()]);
  }
  for (const [pat, url] of found) {
    if (claimed.has(pat)) continue;
    claimed.add(pat);
    types.push([who, pat, url, v.cookie()]);
  }
  // the session may have been renewed while crawling: the cookie is read after the crawl
  for (const t of types) if (t[0] === who) t[3] = v.cookie();
}
// the order types are measured in (bench/run --max N takes the first N): anonymous ones, the
// signed-in front page, then the signed-in ones round robin by role, so that a cap keeps every role
const anonTypes = types.filter((t) => t[0] === 'anon');
const signedIn = types.filter((t) => t[0] !== 'anon');
const ordered = [...anonTypes];
if (signedIn.length && signedIn[0][1] === '/') ordered.push(signedIn.shift());
const byRole = ROLES.map((r) => signedIn.filter((t) => t[0] === r));
for (let i = 0; byRole.some((l) => i < l.length); i++) {
  for (const l of byRole) if (i < l.length) ordered.push(l[i]);
}
types.splice(0, types.length, ...ordered);
writeFileSync(path.join(outdir, 'types.tsv'), types.map((t) => t.join('\t')).join('\n') + '\n');
writeFileSync(path.join(outdir, 'crawl.tsv'), log.map((t) => t.join('\t')).join('\n') + '\n');
const unseen = PATTERNS.filter((p) => !claimed.has(p));
writeFileSync(path.join(outdir, 'unseen.txt'), unseen.join('\n') + '\n');
console.log(`${log.length} requests; ${types.length} page types ` +
  `(${types.filter((t) => t[0] === 'anon').length} anonymous, ` +
  `${types.filter((t) => t[0] !== 'anon').length} signed in); ` +
  `${unseen.length} of ${PATTERNS.length} GET routes not reached with a 200`);
