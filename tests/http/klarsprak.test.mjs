// Plain-language review (issue 12) against the real binary: the group's
// page, the readability tool with the worked example and bad input,
// sending a text, comments on paragraphs (and the refusals: a paragraph
// that is not there, a quote that is not in it, a personal identity number,
// a stale version), answers, a new version carrying the comments that
// still apply, verdicts (own text refused, a non-latest version refused,
// two reviewers at once), the reviewers told in the site and by e-mail,
// /redaktion for reviewers, and a post that can be published only in an
// approved version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sql } from './calls_helpers.mjs';
import { Client, hiddenFields } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertFormError, assertHealthy, assertSecurityHeaders, escapeHtml,
  notificationList, signedIn, userId,
} from '../lib/http.mjs';

let srv;
let anon;
let admin;
let author;   // Kai Lindqvist, kommunikatör
let ia;       // Ia Holm, klarspråksgranskare (demo)
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = await signedIn(srv, 'admin@example.org');
  author = await signedIn(srv, 'kommunikator@example.org');
  ia = await signedIn(srv, 'klarsprak@example.org');
});
after(async () => { await srv.stop(); });

const EXAMPLE = Array(4).fill('a bc def ghij klmno pqrstu vxyzåäö.').join(' ');
const today = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

function figure(html, label) {
  const m = html.match(new RegExp(`<dt>${label}</dt>\\n<dd>([^<]*(?:<span[^>]*>[^<]*</span>[^<]*)*)</dd>`));
  return m ? m[1] : null;
}

async function measure(c, text) {
  return c.submit('/klarsprak/las', '/klarsprak/las', { text });
}

/** Sends a free text to review as `who`; returns the review's path. */
async function send(who, { title = 'Brev om beslut', text, question = 'Är det begripligt?', deadline = inDays(7), kind = 'brevmall' } = {}) {
  const r = await who.submit('/klarsprak/skicka', '/klarsprak/skicka', { rubrik: title, typ: kind, fraga: question, senast: deadline, text });
  assert.equal(r.status, 303, r.text.slice(0, 800));
  assert.match(r.location, /^\/klarsprak\/granskning\/\d+$/);
  return r.location;
}

function comment(who, path, fields) {
  return who.submit(path, `${path}/kommentar`, fields);
}

function verdict(who, path, fields) {
  return who.submit(path, `${path}/beslut`, fields);
}

test('the group page is public, in plain Swedish, names the reviewers by first name and says how to send a text', async () => {
  const r = await anon.get('/klarsprak');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<h1>Klarspråksgruppen<\/h1>/);
  assert.match(r.text, /<li>Ia<\/li>/, 'the demo reviewer by first name');
  assert.doesNotMatch(r.text, /Ia Holm/, 'full names are not shown');
  assert.match(r.text, /david\.bergstrom@helsingborg\.se/);
  assert.match(r.text, /href="\/klarsprak\/las"/);
  assert.match(r.text, /<footer class="site">[\s\S]*<a href="\/klarsprak">Klarspråksgruppen<\/a>/, 'linked from every page\'s footer');
  // the seed texts (the demo's news) with their figures
  assert.match(r.text, /<li><a href="\/nyheter\/[a-z0-9-]+">[^<]+<\/a>: LIX \d+,\d\d – (mycket lättläst|lättläst|medelsvår|svår|mycket svår)/);
});

test('the readability tool: the issue\'s example gives 28 words, 4 sentences, 4 long words and LIX 21,29', async () => {
  const r = await measure(anon, EXAMPLE);
  assert.equal(r.status, 200);
  assert.equal(figure(r.text, 'Ord'), '28');
  assert.equal(figure(r.text, 'Meningar'), '4');
  assert.equal(figure(r.text, 'Långa ord'), '4 (14,29 %)');
  assert.equal(figure(r.text, 'Läsbarhetsindex \\(LIX\\)'), '21,29 – mycket lättläst');
  assert.equal(figure(r.text, 'Ord per mening i snitt'), '7,00');
  // the long words are marked in the text, with a legend that says how
  assert.equal((r.text.match(/<span class="ks-lw">vxyzåäö<\/span>/g) || []).length, 4);
  assert.match(r.text, /Långa ord \(fler än sex bokstäver\) är understrukna med prickar/);
  assert.match(r.text, /Ett långt ord som ”mataffär” är lätt/, 'says what the figures cannot say');
});

test('the readability tool marks officialese with a plainer word and long sentences with their length', async () => {
  const long = Array(30).fill('ord').join(' ') + '.';
  const text = `Angående din ansökan ska du erhålla svar i enlighet med reglerna.\n\n${long}`;
  const r = await measure(anon, text);
  assert.equal(r.status, 200);
  assert.match(r.text, /<mark class="ks-off">Angående<\/mark><span class="ks-alt"> \(prova: om\)<\/span>/);
  assert.match(r.text, /<mark class="ks-off">i enlighet med<\/mark><span class="ks-alt"> \(prova: enligt\)<\/span>/);
  assert.match(r.text, /<li><span>erhålla<\/span> → få \(Stycke 1\)<\/li>/);
  assert.match(r.text, /<span class="ks-ls">ord ord[^<]*\.<\/span><span class="ks-ls-note"> \(lång mening: 30 ord\)<\/span>/);
  assert.equal(figure(r.text, 'Meningar med fler än 25 ord'), '1');
  assert.match(r.text, /<li id="stycke-2">/);
});

test('the readability tool refuses bad input in Swedish and keeps serving', async () => {
  assertFormError(await measure(anon, ''), MSG.required, { field: 'text' });
  assertFormError(await measure(anon, '   \n\n  '), MSG.required, { field: 'text' });
  // 200 000 characters: refused with the limit's message, the text kept in the form
  const big = await measure(anon, 'ord '.repeat(50000));
  assertFormError(big, MSG.tooLong, { field: 'text' });
  assert.match(big.text, /Högst 100 000 tecken/);
  // as many with å, ä and ö is more than a form may carry: the Swedish 413
  assertErrorPage(await measure(anon, 'åäö '.repeat(50000)), 413);
  const p = await measure(anon, '!!! ... ??? — ; : …');
  assert.equal(p.status, 200);
  assert.equal(figure(p.text, 'Ord'), '0');
  assert.equal(figure(p.text, 'Läsbarhetsindex \\(LIX\\)'), 'Inga ord att räkna');
  const n = await measure(anon, '1 2 3 4');
  assert.equal(n.status, 200);
  assert.equal(figure(n.text, 'Ord'), '4');
  assert.equal(figure(n.text, 'Läsbarhetsindex \\(LIX\\)'), '4,00 – mycket lättläst');
  const endless = await measure(anon, 'och sedan '.repeat(1500));
  assert.equal(endless.status, 200);
  assert.equal(figure(endless.text, 'Meningar'), '1');
  assert.equal(figure(endless.text, 'Meningar med fler än 25 ord'), '1');
  const token = hiddenFields((await anon.get('/klarsprak/las')).text, '/klarsprak/las')._csrf;
  const bad = await anon.postBody('/klarsprak/las', `_csrf=${token}&text=ord%FF%FEord`);
  assertFormError(bad, MSG.encoding, { field: 'text' });
  // markup is shown as text, never run
  const m = await measure(anon, '<script>alert(1)</script> <b>fet</b>');
  assert.equal(m.status, 200);
  assert.doesNotMatch(m.text, /<script>alert/);
  assert.match(m.text, /&lt;script&gt;alert/);
  await assertHealthy(srv.base);
});

test('2 000 words: figures and the marked text come back quickly', async () => {
  const words = 'Klarspråksgruppen granskar texter angående ansökan och svarar senast på fredag. ';
  const text = words.repeat(200); // 2 000 words
  const t0 = performance.now();
  const r = await measure(anon, text);
  const ms = performance.now() - t0;
  assert.equal(r.status, 200);
  assert.match(figure(r.text, 'Ord'), /^2\s?000$/u);
  assert.ok(ms < 500, `took ${ms.toFixed(1)} ms for the whole request`);
});

test('/redaktion leads a reviewer to the texts waiting for review; others without a desk still get 403', async () => {
  const r = await ia.get('/redaktion');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/klarsprak/granska');
  const q = await ia.get('/klarsprak/granska');
  assert.equal(q.status, 200);
  assert.match(q.text, /<h1>Texter att granska<\/h1>/);
  const youth = await signedIn(srv, 'ungdom@example.org');
  assertErrorPage(await youth.get('/redaktion'), 403);
  assertErrorPage(await youth.get('/klarsprak/granska'), 403);
  assertErrorPage(await youth.get('/klarsprak/skicka'), 403);
  assertErrorPage(await ia.get('/klarsprak/skicka'), 403, 'reviewers review, they do not send');
});

test('the review flow: send, reviewers told, comment on a paragraph, answer, revise, comments carried, diff, approve', async () => {
  const v1 = 'Angående din ansökan om stöd.\n\nDu ska erhålla ett beslut inom fyra veckor.\n\nMed vänliga hälsningar\nSocialförvaltningen';
  const path = await send(author, { title: 'Brev om beslut om stöd', text: v1 });
  // Ia is told in the site and by e-mail
  const notes = notificationList((await ia.get('/aviseringar')).text);
  assert.ok(notes.some((n) => n.text.includes('Ny text att granska: Brev om beslut om stöd')), JSON.stringify(notes));
  const outbox = await admin.get('/admin/epost');
  assert.match(outbox.text, /Ny text att granska: Brev om beslut om stöd/);

  let page = await ia.get(path);
  assert.equal(page.status, 200);
  assert.match(page.text, /<li id="stycke-3"><span class="ks-num" aria-hidden="true">3<\/span>/);
  assert.match(page.text, /Är det begripligt\?/);

  // bad comments
  assertFormError(await comment(ia, path, { stycke: '9', citat: '', kommentar: 'Hm.' }),
    'Det finns inget sådant stycke. Texten har 3 stycken.', { field: 'stycke' });
  assertFormError(await comment(ia, path, { stycke: '1', citat: 'finns inte', kommentar: 'Hm.' }),
    'Orden finns inte i stycke 1. Kopiera dem precis som de står.', { field: 'citat' });
  assertFormError(await comment(ia, path, { stycke: '1', citat: '', kommentar: 'Ring 19121212-1212 om det.' }),
    MSG.pnr, { field: 'kommentar' });
  assertFormError(await comment(ia, path, { stycke: '1', citat: '', kommentar: '' }), MSG.required, { field: 'kommentar' });
  assertFormError(await comment(ia, path, { stycke: 'två', citat: '', kommentar: 'x' }), MSG.notNumber, { field: 'stycke' });
  assertFormError(await ia.submitRaw(path, `${path}/kommentar`, 'stycke=1&citat=&kommentar=bra%FF%FEtext'), MSG.encoding, { field: 'kommentar' });
  // the author sees the text among theirs
  assert.match((await author.get('/klarsprak/granska')).text, /Brev om beslut om stöd<\/a><\/h3>/);

  let r = await comment(ia, path, { stycke: '1', citat: 'Angående', kommentar: 'Skriv ”Om” i stället. <b>Tack</b>' });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const c1 = r.location.match(/#kommentar-(\d+)$/)[1];
  r = await comment(ia, path, { stycke: '2', citat: 'erhålla', kommentar: 'Skriv ”få”.' });
  assert.equal(r.status, 303);
  r = await comment(ia, path, { stycke: '3', citat: '', kommentar: 'Bra avslutning.' });
  assert.equal(r.status, 303);
  page = await ia.get(path);
  assert.match(page.text, /Skriv ”Om” i stället\. &lt;b&gt;Tack&lt;\/b&gt;/, 'markup in comments is shown as text');
  // the author is told and answers
  assert.ok(notificationList((await author.get('/aviseringar')).text).some((n) => n.text.startsWith('Ny kommentar på din text')));
  r = await author.submit(path, `${path}/svar`, { kommentar: c1, [`svar-${c1}`]: 'Ändrat, tack!' });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  assertErrorPage(await ia.postRaw(`${path}/svar`, { _csrf: hiddenFields(page.text, `${path}/kommentar`)._csrf, kommentar: c1, [`svar-${c1}`]: 'x' }), 403,
    'only the author answers');

  // Ia asks for a rewrite of version 1
  r = await verdict(ia, path, { bedomning: 'skriv_om', notering: 'Kortare meningar, tack.' });
  assert.equal(r.status, 303);

  // the author revises: a new first paragraph, "erhålla" gone
  const v2 = 'Hej!\n\nAngående din ansökan om stöd.\n\nDu får ett beslut inom fyra veckor.\n\nMed vänliga hälsningar\nSocialförvaltningen';
  const stalePage = await ia.get(path); // Ia's page still shows version 1
  r = await author.submit(`${path}/ny-version`, `${path}/ny-version`, { text: v2, andring: 'Enklare ord' });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  assert.equal(r.location, `${path}/versioner?fran=1&till=2`);
  // a second save from version 1 is a conflict, nothing lost
  const token = hiddenFields((await author.get(`${path}/ny-version`)).text, `${path}/ny-version`)._csrf;
  const again = await author.postRaw(`${path}/ny-version`, { _csrf: token, fran: '1', text: 'Annan text', andring: '' });
  assert.equal(again.status, 409);
  assert.match(again.text, /Den senaste versionen är nummer 2/);
  // reviewers are told about the new version
  assert.ok(notificationList((await ia.get('/aviseringar')).text).some((n) => n.text.startsWith('Ny version att granska')));

  // the diff
  const d = await ia.get(r.location);
  assert.equal(d.status, 200);
  assert.match(d.text, /<del><span class="visually-hidden">\[borttaget\] <\/span>ska erhålla<span class="visually-hidden"> \[slut\]<\/span><\/del> <ins><span class="visually-hidden">\[nytt\] <\/span>får<span class="visually-hidden"> \[slut\]<\/span><\/ins>/);
  assert.match(d.text, /<ins><span class="visually-hidden">\[nytt\] <\/span>Hej!/);
  assert.match(d.text, /Nya ord: 3 · Borttagna ord: 2/);
  assert.match(d.text, /<dt>Ord<\/dt>\n<dd>17<\/dd>/, 'unchanged figures are shown once');
  assert.match(d.text, /<dt>Meningar<\/dt>\n<dd>3 <span aria-hidden="true">→<\/span><span class="visually-hidden">blev<\/span> 4<\/dd>/);
  assert.match(d.text, /<\/p>\n<p>Angående din ansökan om stöd\.<\/p>/);

  // the comments in version 2: "Angående" moved to paragraph 2, "erhålla" gone, the closing moved to 4
  page = await ia.get(path);
  const sections = [...page.text.matchAll(/<h3><a href="#stycke-(\d+)">Stycke \d+<\/a><\/h3>\n<ul class="ks-comments">([\s\S]*?)<\/ul>/g)]
    .map((m) => [m[1], m[2]]);
  assert.deepEqual(sections.map((s) => s[0]), ['2', '4']);
  assert.match(sections[0][1], /Skriv ”Om” i stället/);
  assert.match(sections[0][1], /Ändrat, tack!/);
  assert.match(sections[1][1], /Bra avslutning/);
  assert.match(page.text, /Kommentarer som inte gäller den här versionen<\/h3>[\s\S]*skriven om version 1<\/p>\n<blockquote>erhålla<\/blockquote>[\s\S]*Skriv ”få”/);

  // a comment from the page of version 1: the version is gone
  r = await ia.postRaw(`${path}/kommentar`, { ...hiddenFields(stalePage.text, `${path}/kommentar`), stycke: '2', citat: 'erhålla', kommentar: 'Fortfarande?' });
  assert.equal(r.status, 409);
  // approving version 1 now: refused, nothing stored
  r = await ia.postRaw(`${path}/beslut`, { ...hiddenFields(stalePage.text, `${path}/beslut`), bedomning: 'godkand', notering: '' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Det finns en nyare version/);
  assertFormError(await verdict(ia, path, { bedomning: 'kanske' }), MSG.choice);
  assertFormError(await verdict(ia, path, {}), 'Välj ett alternativ.');
  page = await ia.get(path);
  assert.doesNotMatch(page.text, /tag-ok">Godkänd<\/strong> Ia Holm/);

  r = await verdict(ia, path, { bedomning: 'godkand', notering: 'Nu är det tydligt.' });
  assert.equal(r.status, 303);
  page = await author.get(path);
  assert.match(page.text, /<strong class="tag tag-ok">Godkänd<\/strong> Ia Holm · version 2/);
  assert.match(page.text, /<strong class="tag tag-bad">Behöver skrivas om<\/strong> Ia Holm · version 1/);
  assert.ok(notificationList((await author.get('/aviseringar')).text).some((n) => n.text.includes('Godkänd')));
  // the group's page lists it
  assert.match((await anon.get('/klarsprak')).text, /Brev om beslut om stöd – Brevmall, godkänd/);
  // the audit log says it in words, linking to the review
  const log = (await admin.get('/admin/logg')).text;
  assert.match(log, new RegExp(`Ia Holm</a> bedömde <a href="${path}">Brev om beslut om stöd</a>: ”Godkänd” \\(version 2\\)`));
  assert.match(log, new RegExp(`Kai Lindqvist</a> skickade <a href="${path}">Brev om beslut om stöd</a> till klarspråksgruppen`));
});

test('nobody approves their own text; two reviewers judge at once', async () => {
  const adminId = await userId(admin, 'Alva Andersson');
  const g = await admin.submit(`/admin/anvandare/${adminId}`, `/admin/anvandare/${adminId}/roller`, { roll: 'klarspraksgranskare', atgard: 'ge' });
  assert.equal(g.status, 303, g.text.slice(0, 300));
  const own = await send(admin, { title: 'Adminens text', text: 'En kort text.', kind: 'fritext' });
  const page = await admin.get(own);
  assert.match(page.text, /Du har skrivit texten själv/);
  const token = hiddenFields(page.text, `${own}/kommentar`)._csrf;
  const r = await admin.postRaw(`${own}/beslut`, { _csrf: token, version: '1', bedomning: 'godkand' });
  assert.equal(r.status, 403);
  assert.match(r.text, /<h1>Du kan inte granska din egen text<\/h1>/);
  assert.match(r.text, /Någon annan i gruppen behöver granska den\./);

  const both = await send(author, { title: 'Två granskare', text: 'Vi ses på fredag.', kind: 'fritext' });
  const [a, b] = await Promise.all([
    verdict(ia, both, { bedomning: 'godkand' }),
    verdict(admin, both, { bedomning: 'godkand_med_andringar', notering: 'Skriv klockslag.' }),
  ]);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  const p = await author.get(both);
  assert.match(p.text, /Godkänd<\/strong> Ia Holm/);
  assert.match(p.text, /Godkänd med ändringar<\/strong> Alva Andersson/);
});

test('sending: bad input refused in Swedish; only readers of the review see it', async () => {
  const f = (fields) => author.submit('/klarsprak/skicka', '/klarsprak/skicka',
    { rubrik: 'T', typ: 'fritext', fraga: '', senast: inDays(3), text: 'Text.', ...fields });
  assertFormError(await f({ rubrik: '' }), MSG.required, { field: 'rubrik' });
  assertFormError(await f({ text: '' }), MSG.required, { field: 'text' });
  assertFormError(await f({ typ: 'roman' }), MSG.choice);
  assertFormError(await f({ senast: inDays(-2) }), 'Datumet har redan varit. Välj dagens datum eller ett senare.', { field: 'senast' });
  assertFormError(await f({ senast: inDays(800) }), 'Välj ett datum inom ett år.', { field: 'senast' });
  assertFormError(await f({ text: 'x'.repeat(60001) }), MSG.tooLong, { field: 'text' });
  assertFormError(await f({ fraga: 'Gäller 19121212-1212' }), MSG.pnr, { field: 'fraga' });
  const ok = await f({ senast: today });
  assert.equal(ok.status, 303);
  const youth = await signedIn(srv, 'ungdom@example.org');
  assertErrorPage(await youth.get(ok.location), 404);
  assertErrorPage(await ia.get('/klarsprak/granskning/999999'), 404);
  assertErrorPage(await ia.get('/klarsprak/granskning/abc'), 404);
  const signedOut = await anon.get(ok.location);
  assert.equal(signedOut.status, 303, 'signed out: to the sign-in page');
});

test('a post that requires review is published only in the version a reviewer approved, and says so', async () => {
  const title = `Ny mötesplats ${Date.now()}`;
  let r = await author.submit('/nyheter/ny', '/nyheter/ny', { rubrik: title, ingress: '', text: 'Angående mötesplatsen erhåller ni information senare.', status: 'utkast', granskning: '1' });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const postPath = r.location;
  const slug = postPath.split('/').pop();
  const edit = `${postPath}/redigera`;
  const publish = (text) => author.submit(edit, edit, { rubrik: title, ingress: '', text, status: 'publicerad', granskning: '1' });
  // not yet reviewed: refused
  r = await publish('Angående mötesplatsen erhåller ni information senare.');
  assertFormError(r, 'Nyheten kan inte publiceras än. Klarspråksgruppen måste först godkänna just den här texten.', { field: 'status' });
  // the draft offers to send it
  let p = await author.get(postPath);
  assert.match(p.text, new RegExp(`href="/klarsprak/skicka\\?inlagg=${slug}"`));
  r = await author.submit(`/klarsprak/skicka?inlagg=${slug}`, '/klarsprak/skicka', { rubrik: title, fraga: 'Lätt att förstå?', senast: inDays(5) });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const review = r.location;
  r = await verdict(ia, review, { bedomning: 'skriv_om' });
  assert.equal(r.status, 303);
  r = await author.submit(`${review}/ny-version`, `${review}/ny-version`, { text: 'Vi berättar mer om mötesplatsen snart.', andring: 'Enklare' });
  assert.equal(r.status, 303);
  // the draft took the new version
  p = await author.get(postPath);
  assert.match(p.text, /Vi berättar mer om mötesplatsen snart\./);
  r = await verdict(ia, review, { bedomning: 'godkand' });
  assert.equal(r.status, 303);
  // an edited text is not the approved one
  assertFormError(await publish('Vi berättar mer om mötesplatsen snart. Och lite till.'),
    'Nyheten kan inte publiceras än. Klarspråksgruppen måste först godkänna just den här texten.', { field: 'status' });
  r = await publish('Vi berättar mer om mötesplatsen snart.');
  assert.equal(r.status, 303, r.text.slice(0, 800));
  p = await anon.get(postPath);
  assert.equal(p.status, 200);
  assert.match(p.text, /<p class="ks-mark"><span aria-hidden="true">✓<\/span> <strong>Granskad av klarspråksgruppen<\/strong> <time datetime="\d{4}-\d\d-\d\d">/);
  // a post without the setting publishes as before, without the mark
  r = await author.submit('/nyheter/ny', '/nyheter/ny', { rubrik: `Utan granskning ${Date.now()}`, ingress: '', text: 'Hej.', status: 'publicerad' });
  assert.equal(r.status, 303);
  p = await anon.get(r.location);
  assert.doesNotMatch(p.text, /Granskad av klarspråksgruppen/);
  await assertHealthy(srv.base);
});

test('versions: bad version numbers are refused', async () => {
  const path = await send(author, { title: 'En version', text: 'Bara en.', kind: 'fritext' });
  let r = await author.get(`${path}/versioner`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Det finns bara en version än\./);
  for (const q of ['?till=2', '?fran=0', '?fran=x', '?till=-1']) assertErrorPage(await author.get(`${path}/versioner${q}`), 400, q);
  assertErrorPage(await author.get(`${path}?version=0`), 400);
  assertErrorPage(await author.get(`${path}?version=5`), 404);
  assertErrorPage(await ia.get(`${path}/ny-version`), 403, 'only the author revises');
  r = await author.submit(`${path}/ny-version`, `${path}/ny-version`, { text: '' });
  assertFormError(r, MSG.required, { field: 'text' });
  r = await author.submit(`${path}/ny-version`, `${path}/ny-version`, { text: 'Ring 19121212-1212' });
  assertFormError(r, MSG.pnr, { field: 'text' });
});

test('demo data: a call text and a letter template in officialese, reviewed by the demo reviewer', async () => {
  const q = await ia.get('/klarsprak/granska');
  const call = q.text.match(/<a href="(\/klarsprak\/granskning\/\d+)">Utlysning: Delaktighet och samskapande med ungdomar – så söker du<\/a>/);
  const letter = q.text.match(/<a href="(\/klarsprak\/granskning\/\d+)">Brevmall: Vi har fått din ansökan till utvecklingsgruppen<\/a>/);
  assert.ok(call && letter, 'both demo texts are in the queue');
  let r = await author.get(call[1]);
  assert.equal(r.status, 200);
  assert.match(r.text, /<strong class="tag tag-ok">Godkänd<\/strong> Ia Holm · version 2/);
  assert.match(r.text, /<strong class="tag tag-bad">Behöver skrivas om<\/strong> Ia Holm · version 1/);
  assert.match(r.text, /Jag har delat upp den i fem meningar\./, 'the author\'s answer');
  r = await author.get(`${call[1]}/versioner`);
  assert.match(r.text, /<del><span class="visually-hidden">\[borttaget\] <\/span>Angående/);
  // the officialese version reads as hard; the revision as easy
  assert.match(r.text, /<dt>Läsbarhetsindex \(LIX\)<\/dt>\n<dd>(5\d|6\d),\d\d – [^<]*<span aria-hidden="true">→<\/span><span class="visually-hidden">blev<\/span> [1-3]\d,\d\d – /);
  r = await ia.get(letter[1]);
  assert.match(r.text, /<strong class="tag tag-warn">Godkänd med ändringar<\/strong>/);
  assert.match(r.text, /<mark class="ks-off">Vederbörande<\/mark>/);
  assert.equal((r.text.match(/<li class="ks-comment"/g) || []).length, 3);
  assert.match((await anon.get('/klarsprak')).text, /Utlysning: Delaktighet och samskapande med ungdomar – så söker du – Utlysning, godkänd/);
});

test('the export of a person holds the texts they sent and the comments and verdicts they wrote', async () => {
  const path = await send(author, { title: 'Exporttext', text: 'Angående exporten.', kind: 'fritext' });
  let r = await comment(ia, path, { stycke: '1', citat: 'Angående', kommentar: 'Skriv om.' });
  assert.equal(r.status, 303);
  r = await verdict(ia, path, { bedomning: 'skriv_om', notering: 'Enklare, tack.' });
  assert.equal(r.status, 303);
  const mine = (await author.get('/konto/mina-uppgifter.json'));
  assert.equal(mine.status, 200);
  const texts = JSON.parse(mine.text).delar.klarsprak_texter;
  assert.ok(texts.vad && !texts.vad.startsWith('export.'));
  assert.ok(texts.rader.some((x) => x.rubrik === 'Exporttext' && x.text === 'Angående exporten.' && x.typ === 'fritext'));
  const reviewer = JSON.parse((await ia.get('/konto/mina-uppgifter.json')).text).delar.klarsprak_granskning;
  assert.ok(reviewer.rader.some((x) => x.vad === 'kommentar' && x.text === 'Skriv om.' && x.citat_eller_bedomning === 'Angående'));
  assert.ok(reviewer.rader.some((x) => x.vad === 'bedomning' && x.citat_eller_bedomning === 'skriv_om' && x.text === 'Enklare, tack.'));
  // nobody else's review data comes along
  const youth = JSON.parse((await (await signedIn(srv, 'ungdom@example.org')).get('/konto/mina-uppgifter.json')).text).delar;
  assert.equal(youth.klarsprak_texter.rader.length, 0);
  assert.equal(youth.klarsprak_granskning.rader.length, 0);
});

test('the queue lists open texts by deadline and says when an answer is late', async () => {
  const later = await send(author, { title: 'Senare text', text: 'Text ett.', kind: 'fritext', deadline: inDays(9) });
  const sooner = await send(author, { title: 'Snar text', text: 'Text två.', kind: 'fritext', deadline: inDays(2) });
  const late = await send(author, { title: 'Sen text', text: 'Text tre.', kind: 'fritext', deadline: today });
  sql(srv, [`UPDATE review_requests SET deadline = '2020-01-01' WHERE id = ${late.split('/').pop()}`]);
  const q = (await ia.get('/klarsprak/granska')).text;
  const at = (path) => q.indexOf(`<a href="${path}">`);
  assert.ok(at(late) >= 0 && at(late) < at(sooner) && at(sooner) < at(later), 'open texts not by deadline');
  const card = q.slice(at(late), q.indexOf('</li>', at(late)));
  assert.match(card, /<strong class="tag tag-warn">Svaret är sent<\/strong>/);
  assert.doesNotMatch(q.slice(at(sooner), q.indexOf('</li>', at(sooner))), /Svaret är sent/);
  assert.match((await ia.get(late)).text, /<dd><strong class="tag tag-warn">Svaret är sent<\/strong><\/dd>/);
  assert.doesNotMatch((await ia.get(sooner)).text, /Svaret är sent/);
});
