// Issue 8, "smaller things" among the flow faults new users found: an amount
// over the call names the call's budget; the submitter's instruction about
// claims is said to the submitter side only; the assessment page prints each
// criterion once; Swedish text people wrote is marked lang="sv" on English
// pages (WCAG 3.1.2); a refused coordinators' note comes back with its message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import {
  EMAIL, M, OPEN, assertRefused, assertSays, grantedIdea, newIdea, rand, signedIn, startCallsServer,
  submitEntries, toReview, postIdea,
} from './calls_helpers.mjs';

let srv;
let k;
let youth;

before(async () => {
  srv = await startCallsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  youth = await signedIn(srv, EMAIL.ungdom);
});
after(async () => { await srv?.stop(); });

const HINT = 'Ni kan begära ersättning för utlägg så fort idén är beviljad.';
const count = (text, s) => text.split(s).length - 1;

test('200 000 kr on a line of a 150 000 kr call: the message names the call\'s budget', async () => {
  const r = await postIdea(youth, OPEN, { lines: [{ cat: 'Fika och material', text: 'Fika', amount: '200 000' }] });
  assertRefused(r, M.lineOverBudget, { field: 'rad-1-belopp' });
  assert.ok(!r.text.includes('Beloppet är orimligt stort'), 'still says "orimligt stort"');
  // the summary is first in <main> and the form posts to #fel, so the answer opens there
  const at = r.text.indexOf('<div class="error-summary" role="alert" tabindex="-1" id="fel">');
  assert.ok(at > r.text.indexOf('<main') && at < r.text.indexOf('<h1'), 'the summary is not at the top of <main>');
  assert.ok(r.text.includes(`action="/projekt/${OPEN}/ny-ide#fel"`), 'the form does not post to #fel');
  assert.match(r.text, /<a href="#f-rad-1-belopp">[^<]*Beloppet är större än hela projektets budget på 150\u00a0000\u00a0kr\.<\/a>/);
});

test('the claims instruction is the submitter\'s: a coordinator does not see it', async () => {
  const id = await grantedIdea(youth, k, OPEN);
  const mine = await youth.get(`/ideer/${id}`);
  assert.equal(mine.status, 200);
  assertSays(mine, HINT);
  const coord = await k.get(`/ideer/${id}`);
  assert.equal(coord.status, 200);
  assert.match(coord.text, /action="\/ideer\/\d+\/status"/, 'the coordinator has the lifecycle buttons');
  assert.ok(!coord.text.includes('Ni kan begära ersättning'), 'the coordinator is told to claim expenses');
});

test('the assessment page names each criterion once', async () => {
  const id = await newIdea(youth, OPEN);
  await toReview(k, id);
  const page = await k.get(`/ideer/${id}/bedomning`);
  assert.equal(page.status, 200);
  const texts = [...page.text.matchAll(/<div class="criterion">\n<p><strong>Kriterium \d+\.<\/strong> ([^<]+)<\/p>/g)].map((m) => m[1]);
  assert.ok(texts.length >= 3, `criteria in the form: ${texts.length}`);
  for (const t of texts) assert.equal(count(page.text, t), 1, `"${t}" is printed ${count(page.text, t)} times`);
  // the submitter, who has no form, sees the list once
  const granted = await grantedIdea(youth, k, OPEN);
  const theirs = await youth.get(`/ideer/${granted}/bedomning`);
  assert.equal(theirs.status, 200);
  for (const t of texts) assert.equal(count(theirs.text, t), 1, `submitter: "${t}" ${count(theirs.text, t)} times`);
});

test('in English, Swedish text people wrote is marked lang="sv"; in Swedish nothing is', async () => {
  const id = await grantedIdea(youth, k, OPEN, { title: `Spelkväll för unga ${rand()}` });
  const en = new Client(srv.base);
  await en.get('/sprak/en?tillbaka=/');
  const sv = new Client(srv.base);
  const post = '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022';
  const p = await en.get(post);
  assert.equal(p.status, 200);
  assert.match(p.text, /<html lang="en">/);
  assert.match(p.text, /<h1 lang="sv">Gemensam utvecklingsgrupp/);
  assert.match(p.text, /<div class="prose" lang="sv">/);
  assert.match(p.text, /<li id="k\d+">\n<p class="meta">[\s\S]*?<\/p>\n<div lang="sv">\n<p>/, 'comments');
  const i = await en.get(`/ideer/${id}`);
  assert.match(i.text, /<h1 lang="sv">Spelkväll för unga/);
  assert.match(i.text, /<div lang="sv">\n<p>Beviljad\.<\/p>/, 'the decision message');
  for (const path of [post, `/ideer/${id}`]) {
    const s = await sv.get(path);
    assert.match(s.text, /<html lang="sv">/);
    assert.ok(!s.text.includes('lang="sv"', s.text.indexOf('<body')), `${path}: lang="sv" inside a Swedish page`);
  }
});

test('coordinators\' notes too long: the idea page again, the message at the field, nothing saved', async () => {
  const id = await newIdea(youth, OPEN);
  const long = 'x'.repeat(4001);
  const r = await submitEntries(k, `/ideer/${id}`, `/ideer/${id}/anteckningar`, [['anteckningar', long]]);
  assertRefused(r, 'Texten är för lång', { field: 'anteckningar' });
  assert.match(r.text, /<a href="#f-anteckningar">/);
  assert.ok(!(await k.get(`/ideer/${id}`)).text.includes(long.slice(0, 100)), 'the note was saved');
});
