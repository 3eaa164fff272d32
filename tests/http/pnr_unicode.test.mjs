// Issue 7, part 5: a personal identity number written with ordinary Unicode
// (fullwidth and other digits, invisible characters, look-alike dashes,
// no-break and narrow spaces, runs of spaces, a tab) or with the character
// references for them is refused in every field that is published — on a
// page, in the Atom feed, in e-mails or in the .ics — with the Swedish
// message that quotes the passage as written (invisible characters shown as
// [U+XXXX]), at the field, and nothing is stored.  Ordinary text with
// Unicode dashes and spaces in dates, phone numbers and amounts still passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/client.mjs';
import {
  APR, EMAIL, G, GROUP, MAY, addAction, editMeeting, escapeHtml, excerpt, itemId, post, saveMinutes, signedIn,
  startGroupServer, unchanged,
} from './group_helpers.mjs';
import { OPEN, postIdea, rand } from './calls_helpers.mjs';

let srv;
let k;
let comm;
let admin;
let youth;
before(async () => {
  srv = await startGroupServer();
  k = await signedIn(srv, EMAIL.koordinator);
  comm = await signedIn(srv, EMAIL.kommunikator);
  admin = await signedIn(srv, EMAIL.admin);
  youth = await signedIn(srv, EMAIL.ungdom);
});
after(async () => { await srv.stop(); });

/** The message, quoting the passage as the writer wrote it. */
const refusal = (passage) => `${G.pnr} Det står skrivet som ”${passage}”.`;

// 811218-9876, 19121212-1212 and 121212+1212 have valid check digits.
// [trick, how it is written, the passage the message quotes]
const VARIANTS = [
  ['fullwidth digits and hyphen', '８１１２１８－９８７６', '８１１２１８－９８７６'],
  ['Arabic-Indic digits', '٨١١٢١٨-٩٨٧٦', '٨١١٢١٨-٩٨٧٦'],
  ['mathematical digits', '𝟖𝟏𝟏𝟐𝟏𝟖-𝟗𝟖𝟕𝟔', '𝟖𝟏𝟏𝟐𝟏𝟖-𝟗𝟖𝟕𝟔'],
  ['zero-width space', '8112\u200b18-9876', '8112[U+200B]18-9876'],
  ['soft hyphen', '811218\u00ad9876', '811218[U+00AD]9876'],
  ['word joiner and byte order mark', '81\u20601218\ufeff-9876', '81[U+2060]1218[U+FEFF]-9876'],
  ['zero-width joiner', '19121212\u200d-1212', '19121212[U+200D]-1212'],
  ['en dash', '811218\u20139876', '811218\u20139876'],
  ['non-breaking hyphen', '811218\u20119876', '811218\u20119876'],
  ['minus sign', '811218\u22129876', '811218\u22129876'],
  ['no-break space', '811218\u00a09876', '811218\u00a09876'],
  ['narrow no-break space', '811218\u202f9876', '811218\u202f9876'],
  ['several spaces around a dash', '811218  -  9876', '811218  -  9876'],
  ['fullwidth plus', '121212\uff0b1212', '121212\uff0b1212'],
  ['&#8203;', '8112&#8203;18-9876', '8112&#8203;18-9876'],
  ['&shy;', '811218&shy;9876', '811218&shy;9876'],
  ['&nbsp;', '811218&nbsp;9876', '811218&nbsp;9876'],
  ['&#xFF11;', '8&#xFF11;1218-9876', '8&#xFF11;1218-9876'],
  ['&minus;', '811218&minus;9876', '811218&minus;9876'],
];
// a tab is a control character in a one-line field; in a multi-line one it is a space
const MULTILINE = [['a tab', '811218\t9876', '811218[U+0009]9876'], ['a line break', '811218\n9876', '811218[U+000A]9876']];

function assertPnrRefused(res, passage, field, what) {
  assert.equal(res.status, 400, `${what}: expected 400, got ${res.status}: ${excerpt(res)}`);
  const page = res.text.replace(/\u00a0/g, ' ');
  const want = escapeHtml(refusal(passage)).replace(/\u00a0/g, ' ');
  assert.ok(page.includes(want), `${what}: the page does not say "${refusal(passage)}": ${excerpt(res)}`);
  assert.match(res.text, new RegExp(`id="e-${field}"`), `${what}: no error at field ${field}`);
}

/** Every variant in `field`, posted by `send(field, value)`; nothing is stored. */
async function eachVariant(what, field, send, { multiline = false, variants = VARIANTS } = {}) {
  for (const [trick, text, passage] of [...variants, ...(multiline ? MULTILINE : [])]) {
    const value = `Ring Åsa på ${text} i dag.`;
    await unchanged(srv, `${what} ${field}: ${trick}`, async () => {
      assertPnrRefused(await send(field, value), passage, field, `${what} ${field} (${trick})`);
    });
  }
}

test('news posts: title, summary and the Markdown body', async () => {
  const send = (field, value) => comm.submit('/nyheter/ny', '/nyheter/ny',
    { rubrik: 'Rubrik', ingress: '', status: 'utkast', text: 'Brödtext.', [field]: value });
  await eachVariant('post', 'rubrik', send);
  await eachVariant('post', 'ingress', send);
  await eachVariant('post', 'text', send, { multiline: true });
  // Markdown that joins the parts: quoted as the page shows it
  for (const [md, passage] of [['8112**１８**&ndash;9876', '8112１８\u20139876'], ['8112<b>18</b>\u20119876', '811218\u20119876'],
    ['*８１１２*\u200b18 \\- 9876', '８１１２[U+200B]18 - 9876']]) {
    assertPnrRefused(await send('text', `Ring ${md} nu.`), passage, 'text', `post body ${md}`);
  }
});

test('comments: the name and the comment', async () => {
  const anon = new Client(srv.base);
  const page = '/nyheter/gemensam-utvecklingsgrupp-21-februari-2022';
  const send = (field, value) => anon.submit(page, `${page}/kommentera`,
    { namn: 'Åsa', epost: `pnr-${rand()}@example.org`, kommentar: 'Hej.', [field]: value });
  const few = [VARIANTS[0], VARIANTS[3]];
  await eachVariant('comment', 'kommentar', send, { variants: few });
  await eachVariant('comment', 'namn', send, { variants: [VARIANTS[15]] });
});

test('organisation profiles: name, summary, description, website', async () => {
  const send = (field, value) => admin.submit('/organisationer/ny', '/organisationer/ny', {
    namn: `Förening ${rand()}`, typ: 'forening', sektor: 'ideell', paraply: '0', sammanfattning: '', beskrivning: '',
    webbplats: '', [field]: value,
  });
  await eachVariant('organisation', 'namn', send);
  await eachVariant('organisation', 'sammanfattning', send);
  await eachVariant('organisation', 'beskrivning', send, { multiline: true });
  const url = await send('webbplats', 'https://example.org/8112\u200b18-9876');
  assertPnrRefused(url, '8112[U+200B]18-9876', 'webbplats', 'organisation webbplats');
});

test('ideas: the title, the need, other partners', async () => {
  const opt = { titel: 'title', behov: 'need', andra_partner: 'others' };
  for (const field of Object.keys(opt)) {
    await eachVariant('idea', field, (f, value) => postIdea(youth, OPEN, { [opt[f]]: value, atgard: 'spara' }),
      { multiline: field !== 'titel' });
  }
});

test('meetings (the page and the .ics feed): theme, place, address, online, description', async () => {
  for (const field of ['tema', 'plats', 'adress', 'digitalt', 'beskrivning']) {
    await eachVariant('meeting', field, (f, value) => editMeeting(k, MAY, { [f]: value }),
      { multiline: field === 'beskrivning' || field === 'digitalt' });
  }
});

test('minutes, action items and theme suggestions', async () => {
  const item = itemId(srv, APR, 'Jullovsaktiviteter för yngre barn');
  await eachVariant('minutes', `text-${item}`, (f, value) => saveMinutes(k, APR, { items: { [item]: { text: value } } }),
    { multiline: true });
  await eachVariant('minutes', 'narvaro', (f, value) => saveMinutes(k, APR, { attendance: value }), { multiline: true });
  await eachVariant('action item', 'vad', (f, value) => addAction(k, APR, { owner: 'Kim', what: value }), { multiline: true });
  await eachVariant('action item', 'agare', (f, value) => addAction(k, APR, { owner: value }));
  const anon = new Client(srv.base);
  await eachVariant('suggestion', 'tema', (f, value) => post(anon, `/grupper/${GROUP}/foresla-tema`, { tema: value, namn: 'Britt' }),
    { variants: [VARIANTS[4], VARIANTS[16]] });
});

test('ordinary text with Unicode dashes, spaces and digits still passes', async () => {
  const text = 'Mötet 2022\u201106\u201113 kl. 13.30\u201315.30. Ring 073\u2011231\u00a013\u00a023 eller ０４２－１０ ５０ ００. '
    + 'Budget 1\u00a0250\u00a0000 kr, bankgiro 5050\u20131055, org.nr 802400\u20131234, 811218\u20139875 (fel kontrollsiffra).';
  const r = await editMeeting(k, MAY, { beskrivning: text, tema: 'Sommar\u00ad­lovet \u2013 planering' });
  assert.equal(r.status, 303, excerpt(r));
  const p = await comm.submit('/nyheter/ny', '/nyheter/ny', { rubrik: `Siffror ${rand()}`, ingress: '', status: 'utkast', text: `${text}\n\n*８１１２１８* och 9876 på olika rader:\n\n9876` });
  assert.equal(p.status, 303, excerpt(p));
});
