// Static CSS with caching headers, the health check, and path traversal in
// static paths (raw requests, so the path reaches the server unnormalised).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, rawRequest } from '../lib/client.mjs';
import { assertErrorPage, assertHealthy, assertSecurityHeaders } from '../lib/http.mjs';

let srv;
let cssUrl;
before(async () => {
  srv = await startServer();
  const home = await new Client(srv.base).get('/');
  cssUrl = home.text.match(/<link rel="stylesheet" href="(\/static\/samskap\.[0-9a-f]{8,}\.css)">/)?.[1];
});
after(async () => { await srv.stop(); });

test('every page links the stylesheet by a content-hashed name', () => {
  assert.ok(cssUrl, 'no hashed stylesheet link on the home page');
});

test('the hashed stylesheet is cached for a long time and has an ETag', async () => {
  const c = new Client(srv.base);
  const r = await c.get(cssUrl);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/css/);
  const cc = r.headers.get('cache-control');
  const maxAge = Number(cc.match(/max-age=(\d+)/)?.[1]);
  assert.ok(maxAge >= 30 * 24 * 3600, `max-age too short: ${cc}`);
  assert.match(cc, /public/);
  assert.doesNotMatch(cc, /no-store|no-cache|private/);
  assert.ok(r.headers.get('etag'), 'no ETag');
  assert.ok(r.text.length > 500, 'the stylesheet is empty');
  assert.match(r.text, /@media print/, 'no print CSS');
  assert.match(r.text, /@media/, 'no responsive CSS');
  assertSecurityHeaders(r, 'on the stylesheet');
});

test('If-None-Match with the ETag gives 304 and no body', async () => {
  const c = new Client(srv.base);
  const first = await c.get(cssUrl);
  const etag = first.headers.get('etag');
  const r = await c.get(cssUrl, { headers: { 'if-none-match': etag } });
  assert.equal(r.status, 304);
  assert.equal(r.text, '');
  assert.equal(r.headers.get('etag'), etag);
  const other = await c.get(cssUrl, { headers: { 'if-none-match': '"nope"' } });
  assert.equal(other.status, 200);
});

test('HEAD on the stylesheet answers like GET without a body', async () => {
  const r = await rawRequest(srv.base, { method: 'HEAD', path: cssUrl });
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
  assert.match(r.headers['cache-control'], /max-age=/);
});

test('an unknown or stale stylesheet name is a Swedish 404', async () => {
  const c = new Client(srv.base);
  for (const p of ['/static/samskap.0000000000000000.css', '/static/other.css', '/static/',
    '/static/samskap.css.map', '/static']) {
    const r = await c.get(p);
    assertErrorPage(r, 404, p);
  }
});

test('path traversal in static paths never returns file contents', async () => {
  // [path, status]: no such file is 404; an overlong UTF-8 encoding (%c0%ae) is no
  // path at all, 400 like every invalid UTF-8 path
  const paths = [
    ['/static/../../etc/passwd', 404],
    ['/static/../src/main.c', 404],
    ['/static/%2e%2e/%2e%2e/etc/passwd', 404],
    ['/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 404],
    ['/static/..%2fsrc%2fmain.c', 404],
    ['/static/..%2f..%2fMakefile', 404],
    ['/static/....//....//etc/passwd', 404],
    ['/static/%252e%252e/etc/passwd', 404],
    ['/static/..\\..\\etc\\passwd', 404],
    ['/static/%c0%ae%c0%ae/etc/passwd', 400],
    ['/static//etc/passwd', 404],
    ['/static/./samskap.css/../../../etc/passwd', 404],
    ['/../../../../etc/passwd', 404],
    ['/%2e%2e/%2e%2e/etc/passwd', 404],
  ];
  for (const [p, status] of paths) {
    const r = await rawRequest(srv.base, { path: p });
    assert.equal(r.status, status, `${p}: status ${r.status}`);
    assert.doesNotMatch(r.text, /root:.*:0:0:/, `${p}: /etc/passwd came back`);
    assert.doesNotMatch(r.text, /#include|int main\(|CFLAGS/, `${p}: a source file came back`);
    assert.ok(!/text\/css/.test(r.headers['content-type'] || ''), `${p}: served as CSS`);
    if (r.headers['content-type']?.startsWith('text/html')) {
      assert.match(r.text, /<html lang="sv">/, `${p}: error page not Swedish`);
      assertSecurityHeaders(r, p);
    }
  }
  await assertHealthy(srv.base);
});

test('/healthz answers ok as plain text, also to HEAD', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  assertSecurityHeaders(r, 'on /healthz');
  const h = await rawRequest(srv.base, { method: 'HEAD', path: '/healthz' });
  assert.equal(h.status, 200);
  const p = await c.postRaw('/healthz', {});
  assertErrorPage(p, 405, 'POST /healthz');
  assert.equal(p.headers.get('allow'), 'GET, HEAD');
});
