// The look (issue 8): the header, status tags, the idea page's decision
// box, the meeting page's minutes per item, tables as labelled cards,
// in-page contents, and the stylesheet's tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('the header: name, organisation, menu in a <details>, the current page marked; personal links in the utility row', async () => {
  const c = new Client(srv.base);
  const home = (await c.get('/')).text;
  assert.match(home, /<a class="brand" href="\/">[\s\S]*samskap[\s\S]*Helsingborgs stad · Socialförvaltningen/);
  assert.match(home, /<details class="menu"><summary>Meny<\/summary>\n<nav aria-label="Huvudmeny">/);
  assert.match(home, /<a href="\/" aria-current="page">Start<\/a>/);
  await c.login('forening@example.org');
  const mine = (await c.get('/mina-ideer')).text;
  const utility = mine.match(/<nav class="utility"[\s\S]*?<\/nav>/)[0];
  for (const l of ['/mina-ideer', '/aviseringar', '/konto', '/logga-ut']) assert.ok(utility.includes(`"${l}"`), `${l} not in the utility row`);
  assert.match(utility, /<a href="\/mina-ideer" aria-current="page">Mina idéer<\/a>/);
});

test('statuses are tags with a tone; the idea page opens with the decision, the amount and the next step', async () => {
  const c = new Client(srv.base);
  const projects = (await c.get('/projekt')).text;
  assert.match(projects, /<strong class="tag tag-(ok|wait|run|info)">/);
  const rep = new Client(srv.base);
  await rep.login('forening@example.org');
  const id = (await rep.get('/mina-ideer')).text.match(/href="\/ideer\/(\d+)"/)[1];
  const page = (await rep.get(`/ideer/${id}`)).text;
  const box = page.match(/<section class="decision[^"]*" data-tone="(\w+)"[\s\S]*?<\/section>/);
  assert.ok(box, 'no decision box');
  assert.ok(page.indexOf(box[0]) < page.indexOf('id="om-iden"'), 'the decision box is not first');
  assert.match(box[0], /<strong class="tag tag-\w+">/);
  assert.match(box[0], /Nästa steg:/);
  if (/Beviljat:/.test(box[0])) assert.match(box[0], /Beviljat: [\d\u00a0]+\u00a0kr/);
  assert.match(page, /<nav class="toc" aria-labelledby="pa-sidan">\n<h2 id="pa-sidan">På den här sidan<\/h2>/);
});

test('a budget table labels each cell for the phone; a table of another kind says it scrolls', async () => {
  const c = new Client(srv.base);
  const projects = (await c.get('/projekt')).text;
  for (const m of projects.matchAll(/<h2><a href="\/projekt\/([^"]+)">/g)) {
    const t = (await c.get(`/projekt/${m[1]}/ekonomi`)).text;
    if (!/<table class="ledger">/.test(t)) continue;
    assert.match(t, /<div class="table-wrap stack"/);
    assert.match(t, /<td class="num" data-label="Sökt">/);
    return;
  }
  assert.fail('no ledger table found');
});

test('the minutes: one <details> per agenda item, open for ?punkt=N, linked from the agenda; the print view keeps sections', async () => {
  const c = new Client(srv.base);
  const groups = await c.get('/grupper');
  const group = ((groups.location || '').match(/^\/grupper\/([^/?#]+)/) || groups.text.match(/href="\/grupper\/([^"/?#]+)"/))[1];
  const gp = (await c.get(`/grupper/${group}`)).text;
  for (const id of new Set([...gp.matchAll(/href="\/moten\/(\d+)"/g)].map((x) => x[1]))) {
    const t = (await c.get(`/moten/${id}`)).text;
    if (!/id="protokoll"/.test(t)) continue;
    const items = [...t.matchAll(/<details class="minutes-item"( open)?>/g)];
    assert.ok(items.length > 1, 'no minutes items');
    assert.ok(items.every((m) => !m[1]), 'an item is open without being asked for');
    const item = t.match(/<div class="body" id="punkt-(\d+)">/)[1];
    assert.match(t, new RegExp(`<a href="\\?punkt=${item}#punkt-${item}">`), 'the agenda does not link the item');
    const opened = (await c.get(`/moten/${id}?punkt=${item}`)).text;
    assert.match(opened, new RegExp(`<details class="minutes-item" open>\\n<summary><h3 id="rubrik-${item}">`));
    assert.equal([...opened.matchAll(/<details class="minutes-item" open>/g)].length, 1);
    assert.match(t, /<nav class="toc"[\s\S]*href="#protokoll"/);
    const print = (await c.get(`/moten/${id}/utskrift?del=protokoll`)).text;
    assert.doesNotMatch(print, /<details/);
    return;
  }
  assert.fail('no meeting with minutes');
});

test('the stylesheet: the city\'s tokens as custom properties in the source, sent small with the organisation\'s colours settable', async () => {
  const c = new Client(srv.base);
  const href = (await c.get('/')).text.match(/href="(\/static\/samskap\.[0-9a-f]+\.css)"/)[1];
  const css = (await c.get(href)).text;
  const source = readFileSync(new URL('../../static/samskap.css', import.meta.url), 'utf8');
  for (const t of ['--primary: #ae0b05', '--primary-dark: #770000', '--pink-2: #f0dbd9', '--focus: #4d90fe', '--s4: 16px']) {
    assert.ok(source.includes(t), `the source does not name ${t}`);
  }
  assert.match(css, /^:root\{--primary:#ae0b05;--primary-dark:#770000;?\}/);
  assert.ok(css.includes('outline:3px solid #4d90fe'), 'the focus colour is not in place');
  assert.doesNotMatch(css, /\/\*/, 'comments are sent');
  assert.ok(css.length < 16000, `the stylesheet is ${css.length} bytes`);
});

test('a family\'s own rules come in its own small sheet, linked by its pages only, with the tokens in place', async () => {
  const c = new Client(srv.base);
  const sheetOf = (text) => [...text.matchAll(/<link rel="stylesheet" href="(\/static\/[a-z]+\.[0-9a-f]+\.css)">/g)].map((m) => m[1]);
  const home = sheetOf((await c.get('/')).text);
  assert.equal(home.length, 1, 'the front page links the base sheet only');
  const stats = sheetOf((await c.get('/statistik')).text);
  assert.equal(stats.length, 2, 'the statistics page links its own sheet too');
  assert.equal(stats[0], home[0]);
  assert.match(stats[1], /^\/static\/stats\./);
  const r = await c.get(stats[1]);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/css/);
  assert.match(r.headers.get('cache-control'), /immutable/);
  assert.match(r.text, /figure\.chart\{/);
  assert.doesNotMatch(r.text, /var\(--(?!primary)/, 'tokens other than the organisation\'s colours are written out');
  assert.doesNotMatch(r.text, /:root/, 'the base declares the tokens');
  assert.equal((await c.get('/static/nosuch.css')).status, 404);
});
