// Kartläggning (issue 10): a coordinator asks organisations what they offer;
// a representative answers signed in, an organisation without an account
// through a one-time link; the asker sees who has answered and reminds the
// rest; used and replaced links stop working; the answers are the catalogue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';
import { assertErrorPage, assertFormError, rand, signedIn } from '../lib/http.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

function orgValue(html, name) {
  return html.match(new RegExp(`<input type="checkbox"[^>]*name="org" value="(\\d+)"[^>]*>\\s*<label[^>]*>${name}</label>`))?.[1]
    ?? html.match(new RegExp(`value="(\\d+)"[^>]*>[^<]*<label[^>]*>${name}<`))?.[1];
}

test('ask, answer by link and signed in, follow, remind', async () => {
  const coord = await signedIn(srv, 'koordinator@example.org');
  const form = await coord.get('/kartlaggning/ny');
  assert.equal(form.status, 200);
  const fw = orgValue(form.text, 'Framtidsverkstaden');
  const abf = orgValue(form.text, 'ABF');
  assert.ok(fw && abf, 'organisations not offered');
  const title = `Vad erbjuder ni ${rand()}?`;
  // nothing chosen: a Swedish message
  const none = await coord.submit('/kartlaggning/ny', '/kartlaggning/ny', { fran: '0', titel: title, meddelande: '' });
  assertFormError(none, 'Välj minst en organisation som ska få frågan');
  const page = await coord.get('/kartlaggning/ny');
  const hidden = Object.fromEntries([...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const body = new URLSearchParams({ ...hidden, fran: '0', titel: title, meddelande: 'Fyll i ert utbud.' });
  body.append('org', fw);
  body.append('org', abf);
  const sent = await coord.postRaw('/kartlaggning/ny', body);
  assert.equal(sent.status, 200, sent.text.slice(0, 300));
  const links = [...sent.text.matchAll(/<li>([^<:]+): <code>[^<]*(\/kartlaggning\/svar\/[A-Za-z0-9_-]+)<\/code><\/li>/g)]
    .map((m) => ({ org: m[1], path: m[2] }));
  assert.deepEqual(links.map((l) => l.org).sort(), ['ABF', 'Framtidsverkstaden']);
  const status = sent.text.match(/href="(\/kartlaggning\/\d+)"/)[1];
  // the same form sent again does not ask twice
  const again = await coord.postRaw('/kartlaggning/ny', body);
  assert.equal(again.status, 303);

  // ABF answers through its one-time link, signed out
  const anon = new Client(srv.base);
  const abfLink = links.find((l) => l.org === 'ABF').path;
  const ans = await anon.get(abfLink);
  assert.equal(ans.status, 200);
  assert.match(ans.text, new RegExp(title.replace(/[?]/g, '\\?')));
  const word = `studiecirkelkväll${rand()}`;
  const bad = await anon.submit(abfLink, abfLink, { steg: 'lagg-till', titel: '', beskrivning: '', kontakt: '' });
  assert.equal(bad.status, 400);
  const add = await anon.submit(abfLink, abfLink, { steg: 'lagg-till', titel: `Språkcafé ${word}`, beskrivning: 'Öva svenska.', kontakt: 'info@abf.se' });
  assert.equal(add.status, 303);
  const found = await anon.get(`/sok?q=${encodeURIComponent(word)}`);
  assert.match(found.text, new RegExp(`Språkcafé <mark>${word}</mark>`));
  const done = await anon.submit(abfLink, abfLink, { steg: 'klar' });
  assert.equal(done.status, 200);
  assert.match(done.text, /Ert svar är registrerat/);
  const used = await anon.get(abfLink);
  assertErrorPage(used, 404, 'a used link');
  assert.match(used.text, /Länken gäller inte längre/);

  // the coordinator sees one of two answered and reminds the rest
  const st = await coord.get(status);
  assert.equal(st.status, 200);
  assert.match(st.text, /Besvarade: 1 av 2/);
  const fwLink = links.find((l) => l.org === 'Framtidsverkstaden').path;
  const remind = await coord.submit(status, `${status}/paminn`);
  assert.equal(remind.status, 200);
  const fresh = remind.text.match(/Framtidsverkstaden: <code>[^<]*(\/kartlaggning\/svar\/[A-Za-z0-9_-]+)<\/code>/)[1];
  assert.notEqual(fresh, fwLink);
  assertErrorPage(await anon.get(fwLink), 404, 'a replaced link');
  assert.equal((await anon.get(fresh)).status, 200);
  assert.match((await coord.get(status)).text, /Framtidsverkstaden<\/a><\/td><td data-label="Svar">Inte besvarad<\/td><td data-label="[^"]+">\d+<\/td><td data-label="Påminnelser">1</);

  // Framtidsverkstaden's representative was told and answers signed in
  const rep = await signedIn(srv, 'forening@example.org');
  const mine = await rep.get('/kartlaggning');
  assert.equal(mine.status, 200);
  assert.ok(mine.text.includes(title), 'the request is not among those to answer');
  const act = mine.text.match(/action="(\/kartlaggning\/besvara\/\d+)"/)[1];
  const marked = await rep.submit('/kartlaggning', act);
  assert.equal(marked.status, 303);
  assert.match((await coord.get(status)).text, /Besvarade: 2 av 2/);
  assertErrorPage(await anon.get(fresh), 404, 'a link after answering');
  // a second answer is a conflict, and another person's organisation is 403
  const twice = await rep.postRaw(act, { _csrf: await rep.csrf('/utbud', '/logga-ut') });
  assert.equal(twice.status, 409);
  const youth = await signedIn(srv, 'ungdom@example.org');
  assert.equal((await youth.get('/kartlaggning/ny')).status, 403);
  assert.equal((await youth.get(status)).status, 403);
  assertErrorPage(await anon.get('/kartlaggning/svar/inte-en-nyckel'), 404);
});

test("Helsam's demo mapping shows who has answered", async () => {
  const coord = await signedIn(srv, 'koordinator@example.org');
  const list = await coord.get('/kartlaggning');
  const m = list.text.match(/<a href="(\/kartlaggning\/\d+)">Kartläggning: vilka aktiviteter och insatser erbjuder ni\?<\/a> – Besvarade: 3 av 6/);
  assert.ok(m, list.text.slice(list.text.indexOf('<main'), list.text.indexOf('<main') + 1500));
  const page = await coord.get(m[1]);
  assert.match(page.text, /Från Helsam/);
});
