// Search covers events and hackathon challenges (issue 10 item 3, wired
// after issues 9 and 11): a published event is found by an inflected word
// with its organiser as a facet, a draft never, unpublishing removes it at
// once, a cancelled event stays findable saying so; a challenge is found,
// and follows its hackathon's new name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, hiddenFields } from '../lib/client.mjs';
import { signedIn } from '../lib/http.mjs';
import { EMAIL } from './calls_helpers.mjs';
import { createEvent, dayFromNow, startEventsServer } from './events_helpers.mjs';
import { addChallenge, hackFields, newHack } from './hackathon_helpers.mjs';

let srv;
let k;
let anon;
before(async () => {
  srv = await startEventsServer();
  k = await signedIn(srv, EMAIL.koordinator);
  anon = new Client(srv.base);
});
after(async () => { await srv?.stop(); });

function hits(html) {
  return [...html.matchAll(/<li class="hit">\n<h3><a href="([^"]+)">([\s\S]*?)<\/a><\/h3>/g)]
    .map((m) => ({ url: m[1], title: m[2].replace(/<\/?mark>/g, '') }));
}
const sok = async (q, extra = '') => {
  const r = await anon.get(`/sok?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(r.status, 200);
  return r;
};

async function edit(id, fields) {
  const page = await k.get(`/evenemang/${id}/redigera`);
  assert.equal(page.status, 200);
  const r = await k.postRaw(`/evenemang/${id}/redigera`, { ...hiddenFields(page.text, `/evenemang/${id}/redigera`),
    platser: '5', status: 'oppet', ...fields });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
}

test('events: published found by an inflected word, drafts never, unpublished gone at once, cancelled says so', async () => {
  const ev = await createEvent(k, { titel: 'Odlingsträff på Söder', beskrivning: 'Vi bygger odlingslådor tillsammans i parken.',
    datum: dayFromNow(12) });
  let r = await sok('odlingslådorna');
  let h = hits(r.text);
  assert.deepEqual(h.map((x) => x.url), [`/evenemang/${ev.id}`]);
  assert.equal(h[0].title, 'Odlingsträff på Söder');
  assert.match(r.text, /<a href="\/sok\?q=odlingsl%C3%A5dorna&amp;typ=evenemang">Evenemang \(1\)<\/a>/);
  const org = r.text.match(/<a href="(\/sok\?q=odlingsl%C3%A5dorna&amp;org=[^"]+)">([^<]+) \(1\)<\/a>/);
  assert.ok(org, 'the organiser is a facet');
  assert.match(org[2], /Socialförvaltningen/i);
  r = await anon.get(org[1].replace(/&amp;/g, '&'));
  assert.deepEqual(hits(r.text).map((x) => x.url), [`/evenemang/${ev.id}`]);
  r = await sok('odlingslådor', '&typ=utbud');
  assert.equal(hits(r.text).length, 0);

  // a draft is never found, nor suggested
  const draft = await createEvent(k, { titel: 'Kanotpaddling i hemlighet', beskrivning: 'Paddlingen utgår från Råå.',
    datum: dayFromNow(14), publicera: '' });
  r = await sok('kanotpaddlingen');
  assert.equal(hits(r.text).length, 0);
  assert.doesNotMatch(r.text, /Kanotpaddling i hemlighet/);
  assert.doesNotMatch(r.text, /Menade du/);
  // published by an edit: found; unpublished again: gone at once
  await edit(draft.id, { titel: 'Kanotpaddling i hemlighet', beskrivning: 'Paddlingen utgår från Råå.', publicera: '1' });
  r = await sok('kanotpaddlingen');
  assert.deepEqual(hits(r.text).map((x) => x.url), [`/evenemang/${draft.id}`]);
  await edit(draft.id, { titel: 'Kanotpaddling i hemlighet', beskrivning: 'Paddlingen utgår från Råå.' });
  r = await sok('kanotpaddlingen');
  assert.equal(hits(r.text).length, 0);

  // edited: the new words are found, the old are not
  await edit(ev.id, { titel: 'Odlingsträff på Söder', beskrivning: 'Vi sår pumpor tillsammans i parken.', publicera: '1' });
  assert.equal(hits((await sok('odlingslådorna')).text).length, 0);
  assert.deepEqual(hits((await sok('pumporna')).text).map((x) => x.url), [`/evenemang/${ev.id}`]);
  // cancelled: still found, and the hit says it is off
  await edit(ev.id, { titel: 'Odlingsträff på Söder', beskrivning: 'Vi sår pumpor tillsammans i parken.', publicera: '1',
    status: 'installt' });
  h = hits((await sok('pumporna')).text);
  assert.deepEqual(h.map((x) => x.url), [`/evenemang/${ev.id}`]);
  assert.equal(h[0].title, 'Inställt: Odlingsträff på Söder');
});

test('hackathon challenges are found, with the hackathon\'s name, and follow its edits', async () => {
  const slug = await newHack(k, { name: 'Inhabithon Vattenhallen' });
  const id = await addChallenge(k, slug, 'Ensamhet bland äldre', 'Hur når vi **pensionärer** som sitter ensamma hemma?');
  let r = await sok('pensionärerna');
  let h = hits(r.text);
  assert.deepEqual(h.map((x) => x.url), [`/inhabithon/${slug}#utmaning-${id}`]);
  assert.equal(h[0].title, 'Ensamhet bland äldre');
  assert.match(r.text, /typ=utmaning">Utmaning \(1\)<\/a>/);
  assert.deepEqual(hits((await sok('vattenhallen', '&typ=utmaning')).text).map((x) => x.url),
    [`/inhabithon/${slug}#utmaning-${id}`]);
  // the hackathon renamed: its challenges follow in the same action
  const f = hackFields({ name: 'Inhabithon Kärnan' });
  const page = await k.get(`/inhabithon/${slug}/redigera`);
  assert.equal(page.status, 200);
  const e = await k.postRaw(`/inhabithon/${slug}/redigera`, { ...hiddenFields(page.text, `/inhabithon/${slug}/redigera`), ...f });
  assert.equal(e.status, 303, e.text.slice(0, 1500));
  assert.equal(hits((await sok('vattenhallen', '&typ=utmaning')).text).length, 0);
  assert.deepEqual(hits((await sok('kärnan', '&typ=utmaning')).text).map((x) => x.url),
    [`/inhabithon/${slug}#utmaning-${id}`]);
});
