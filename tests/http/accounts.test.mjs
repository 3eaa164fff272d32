// Accounts: sign up, sign in (and its rate limits), change password, the
// export of one's own data, erasing the account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO_PASSWORD, hiddenFields, inputValue } from '../lib/client.mjs';
import {
  MSG, assertErrorPage, assertFormError, assertHealthy, assertSecurityHeaders, rand, signedIn,
  userId,
} from '../lib/http.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const PW = 'en mening jag minns väl';

/** Signs up a fresh person from a fresh client address; returns the client. */
async function signup(name = `Testperson ${rand()}`, email = `t-${rand()}@example.org`, pw = PW) {
  const c = new Client(srv.base);
  const r = await c.submit('/registrera', '/registrera', { namn: name, epost: email, losenord: pw, losenord2: pw });
  assert.equal(r.status, 303, `sign-up failed: ${r.text.slice(0, 400)}`);
  return { c, name, email, pw, r };
}

function assertNotEchoed(res, secret) {
  assert.ok(!res.text.includes(secret), 'a password came back in the page');
}

test('the sign-up form is Swedish, labelled and carries a CSRF token', async () => {
  const c = new Client(srv.base);
  const r = await c.get('/registrera');
  assert.equal(r.status, 200);
  assertSecurityHeaders(r);
  assert.match(r.text, /<h1>Skapa konto<\/h1>/);
  for (const f of ['namn', 'epost', 'losenord', 'losenord2']) {
    assert.match(r.text, new RegExp(`<label for="f-${f}">`), `no label for ${f}`);
    assert.match(r.text, new RegExp(`id="f-${f}" name="${f}"`));
  }
  assert.match(r.text, /Din e-postadress visas aldrig för andra\./);
  assert.ok(hiddenFields(r.text, '/registrera')._csrf);
});

test('signing up creates the account and signs in', async () => {
  const { c, name, email, r } = await signup('Åsa Öberg-Ängström');
  assert.equal(r.location, '/konto');
  const acct = await c.get('/konto');
  assert.equal(acct.status, 200);
  assert.match(acct.text, /Välkommen! Ditt konto är skapat och du är inloggad\./);
  assert.ok(acct.text.includes(name), 'å, ä and ö in the name survive');
  assert.ok(acct.text.includes(email), 'a person sees their own e-mail');
  assert.match(acct.text, /Inga särskilda roller/);
});

test('sign-up validation: Swedish messages, valid values kept, passwords never echoed', async () => {
  const c = new Client(srv.base);
  // everything missing
  let r = await c.submit('/registrera', '/registrera', {});
  assertFormError(r, MSG.required, { field: 'namn' });
  // the summary names each field by its label
  for (const [f, label] of [['namn', 'Namn'], ['epost', 'E-postadress'], ['losenord', 'Lösenord'], ['losenord2', 'Upprepa lösenordet']])
    assert.ok(r.text.includes(`<li><a href="#f-${f}">${label}: Fyll i fältet.</a></li>`), `the summary does not name ${label}`);
  for (const f of ['epost', 'losenord', 'losenord2']) assert.match(r.text, new RegExp(`id="e-${f}"`));

  // a short password: name and e-mail come back
  r = await c.submit('/registrera', '/registrera',
    { namn: 'Kort Lösen', epost: 'kort@example.org', losenord: 'kort123', losenord2: 'kort123' });
  assertFormError(r, MSG.passwordShort, { field: 'losenord' });
  assert.equal(inputValue(r.text, 'namn'), 'Kort Lösen');
  assert.equal(inputValue(r.text, 'epost'), 'kort@example.org');
  assertNotEchoed(r, 'kort123');
  assert.equal(inputValue(r.text, 'losenord'), '');

  // passwords that differ
  r = await c.submit('/registrera', '/registrera',
    { namn: 'Olika', epost: 'olika@example.org', losenord: 'första lösenordet', losenord2: 'andra lösenordet' });
  assertFormError(r, MSG.passwordMismatch, { field: 'losenord2' });
  assertNotEchoed(r, 'första lösenordet');
  assertNotEchoed(r, 'andra lösenordet');
  assert.equal(inputValue(r.text, 'namn'), 'Olika');

  // a broken e-mail address: the name comes back, the address too (escaped)
  r = await c.submit('/registrera', '/registrera',
    { namn: 'Ingen Adress', epost: 'inte-en-"adress"<b>', losenord: PW, losenord2: PW });
  assertFormError(r, MSG.email, { field: 'epost' });
  assert.equal(inputValue(r.text, 'namn'), 'Ingen Adress');
  assert.doesNotMatch(r.text, /<b>/);
  assertNotEchoed(r, PW);

  // the password may not be the e-mail address
  r = await c.submit('/registrera', '/registrera',
    { namn: 'Samma', epost: 'samma.adress@example.org', losenord: 'samma.adress@example.org', losenord2: 'samma.adress@example.org' });
  assertFormError(r, 'Lösenordet får inte vara samma som e-postadressen.', { field: 'losenord' });

  // an over-long name
  r = await c.submit('/registrera', '/registrera',
    { namn: 'N'.repeat(101), epost: 'lang@example.org', losenord: PW, losenord2: PW });
  assertFormError(r, MSG.tooLong, { field: 'namn' });
  assert.equal(inputValue(r.text, 'epost'), 'lang@example.org');
  assertNotEchoed(r, PW);

  // a personal identity number in the (published) name
  r = await c.submit('/registrera', '/registrera',
    { namn: 'Anna 811218-9876', epost: 'pnr-namn@example.org', losenord: PW, losenord2: PW });
  assertFormError(r, MSG.pnr, { field: 'namn' });
  assert.equal(inputValue(r.text, 'epost'), 'pnr-namn@example.org');

  // nothing of this made an account
  const again = await c.submit('/registrera', '/registrera',
    { namn: 'Kort Lösen', epost: 'kort@example.org', losenord: PW, losenord2: PW });
  assert.equal(again.status, 303, 'the address was taken by a refused sign-up');
});

test('signing up with an e-mail that has an account is refused (any letter case)', async () => {
  for (const email of ['admin@example.org', 'ADMIN@Example.ORG', '  admin@example.org ']) {
    const c = new Client(srv.base);
    const r = await c.submit('/registrera', '/registrera', { namn: 'Dubblett', epost: email, losenord: PW, losenord2: PW });
    assertFormError(r, MSG.emailTaken, { field: 'epost' });
    assert.equal(inputValue(r.text, 'namn'), 'Dubblett');
    assertNotEchoed(r, PW);
    assert.equal(r.headers.getSetCookie().filter((x) => x.startsWith('sid=')).length, 0);
  }
  // the existing account is untouched
  const admin = new Client(srv.base);
  await admin.login('admin@example.org');
  assert.match((await admin.get('/konto')).text, /Alva Andersson/);
});

test('a wrong password or an unknown address gives one Swedish message', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/logga-in');
  assert.match(page.text, /<h1>Logga in<\/h1>/);
  let r = await c.submit('/logga-in', '/logga-in', { epost: 'kommunikator@example.org', losenord: 'fel-lösenord-123' });
  assert.equal(r.status, 400);
  assert.ok(r.text.includes(MSG.loginFailed));
  assert.equal(inputValue(r.text, 'epost'), 'kommunikator@example.org');
  assertNotEchoed(r, 'fel-lösenord-123');
  assertSecurityHeaders(r);
  r = await c.submit('/logga-in', '/logga-in', { epost: 'ingen-sadan@example.org', losenord: 'fel-lösenord-123' });
  assert.equal(r.status, 400);
  assert.ok(r.text.includes(MSG.loginFailed), 'unknown addresses get the same message');
  r = await c.submit('/logga-in', '/logga-in', {});
  assertFormError(r, MSG.required, { field: 'epost' });
  assert.equal((await c.get('/konto')).status, 303);
});

test('the e-mail address is matched without regard to letter case when signing in', async () => {
  const c = new Client(srv.base);
  const r = await c.submit('/logga-in', '/logga-in', { epost: 'Koordinator@EXAMPLE.org', losenord: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.match((await c.get('/konto')).text, /Kim Karlsson/);
});

test('sign-in is rate limited per account: after 5 failures even the right password gets 429', async () => {
  const { email, pw } = await signup();
  // five failures, each from another address: the limit follows the account
  for (let i = 0; i < 5; i++) {
    const c = new Client(srv.base);
    const r = await c.submit('/logga-in', '/logga-in', { epost: email, losenord: `fel lösenord ${i}!` });
    assert.equal(r.status, 400, `attempt ${i + 1}`);
  }
  const c = new Client(srv.base);
  const r = await c.submit('/logga-in', '/logga-in', { epost: email, losenord: pw });
  assert.equal(r.status, 429, 'the right password after 5 failures should be refused');
  assert.ok(r.text.includes(MSG.loginRate), 'no Swedish rate-limit message');
  assert.equal(inputValue(r.text, 'epost'), email);
  assertSecurityHeaders(r);
  assert.equal(r.headers.getSetCookie().filter((x) => x.startsWith('sid=')).length, 0);
  assert.equal((await c.get('/konto')).status, 303);
  const upper = await new Client(srv.base).submit('/logga-in', '/logga-in', { epost: email.toUpperCase(), losenord: pw });
  assert.equal(upper.status, 429, 'the limit is bypassed by writing the address in capitals');
  // other accounts are not affected
  const other = new Client(srv.base);
  await other.login('klarsprak@example.org');
});

test('sign-in is rate limited per client address', async () => {
  const ip = `10.250.${Math.floor(Math.random() * 250)}.7`;
  for (let i = 0; i < 20; i++) {
    const c = new Client(srv.base, { ip });
    const r = await c.submit('/logga-in', '/logga-in', { epost: `okand-${i}-${rand()}@example.org`, losenord: 'gissning-12345' });
    assert.equal(r.status, 400, `attempt ${i + 1}`);
  }
  const same = new Client(srv.base, { ip });
  const r = await same.submit('/logga-in', '/logga-in', { epost: 'reporter@example.org', losenord: DEMO_PASSWORD });
  assert.equal(r.status, 429, 'the 21st attempt from one address should be refused');
  assert.match(r.text, /För många/);
  const elsewhere = new Client(srv.base);
  await elsewhere.login('reporter@example.org'); // the account itself is not locked
});

test('sign-up is rate limited per client address', async () => {
  const ip = `10.251.${Math.floor(Math.random() * 250)}.9`;
  for (let i = 0; i < 10; i++) {
    const c = new Client(srv.base, { ip });
    const r = await c.submit('/registrera', '/registrera',
      { namn: `Massregistrering ${i}`, epost: `mass-${i}-${rand()}@example.org`, losenord: PW, losenord2: PW });
    assert.equal(r.status, 303, `sign-up ${i + 1}`);
  }
  const c = new Client(srv.base, { ip });
  const email = `mass-11-${rand()}@example.org`;
  const r = await c.submit('/registrera', '/registrera', { namn: 'Den elfte', epost: email, losenord: PW, losenord2: PW });
  assertFormError(r, 'För många försök från din uppkoppling. Vänta en stund och försök igen.', { status: 429 });
  assert.equal(inputValue(r.text, 'namn'), 'Den elfte');
  assertNotEchoed(r, PW);
  const other = await new Client(srv.base).submit('/registrera', '/registrera', { namn: 'Den elfte', epost: email, losenord: PW, losenord2: PW });
  assert.equal(other.status, 303, 'the refused sign-up took the address, or the limit is global');
});

test('changing the password: checks, then other sessions are signed out', async () => {
  const { c, email, pw } = await signup();
  const other = new Client(srv.base);
  await other.login(email, pw);
  const page = await c.get('/konto/losenord');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Byt lösenord<\/h1>/);

  let r = await c.submit('/konto/losenord', '/konto/losenord',
    { nuvarande: 'inte mitt lösenord', losenord: 'ett nytt bra lösenord', losenord2: 'ett nytt bra lösenord' });
  assertFormError(r, MSG.passwordWrong, { field: 'nuvarande' });
  assertNotEchoed(r, 'ett nytt bra lösenord');
  r = await c.submit('/konto/losenord', '/konto/losenord', { nuvarande: pw, losenord: 'kort', losenord2: 'kort' });
  assertFormError(r, MSG.passwordShort, { field: 'losenord' });
  assertNotEchoed(r, pw);
  r = await c.submit('/konto/losenord', '/konto/losenord',
    { nuvarande: pw, losenord: 'ett nytt bra lösenord', losenord2: 'ett annat lösenord' });
  assertFormError(r, MSG.passwordMismatch, { field: 'losenord2' });
  r = await c.submit('/konto/losenord', '/konto/losenord', {});
  assertFormError(r, MSG.required);
  assert.equal((await other.get('/konto')).status, 200, 'refused changes signed the other session out');

  r = await c.submit('/konto/losenord', '/konto/losenord',
    { nuvarande: pw, losenord: 'ett nytt bra lösenord', losenord2: 'ett nytt bra lösenord' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/konto');
  const acct = await c.get('/konto');
  assert.equal(acct.status, 200, 'the session that changed the password stays signed in');
  assert.match(acct.text, /Lösenordet är bytt\./);
  assert.equal((await other.get('/konto')).status, 303, 'the other session is still signed in');

  const old = await new Client(srv.base).submit('/logga-in', '/logga-in', { epost: email, losenord: pw });
  assert.equal(old.status, 400, 'the old password still works');
  await new Client(srv.base).login(email, 'ett nytt bra lösenord');
});

test('the export is JSON with the person\'s own name, e-mail and roles', async () => {
  const c = await signedIn(srv, 'forening@example.org');
  const r = await c.get('/konto/mina-uppgifter.json');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.match(r.headers.get('content-disposition') || '', /attachment/);
  assertSecurityHeaders(r);
  const data = JSON.parse(r.text);
  assert.equal(data.namn, 'Rut Nilsson');
  assert.equal(data.epost, 'forening@example.org');
  assert.deepEqual(data.roller, ['foreningsrepresentant']);
  assert.deepEqual(data.organisationer, ['Framtidsverkstaden']);
  assert.ok(!r.text.includes('admin@example.org'), 'the export has other people\'s data');
  assert.doesNotMatch(r.text, /argon2|password|losenord/i, 'the export has the password hash');
});

test('erasing the account needs the password; afterwards sign-in fails', async () => {
  const { c, email, pw, name } = await signup();
  const other = new Client(srv.base);
  await other.login(email, pw);
  const form = await c.get('/konto/radera');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Radera mitt konto<\/h1>/);

  let r = await c.submit('/konto/radera', '/konto/radera', { losenord: 'fel lösenord!' });
  assertFormError(r, MSG.passwordWrong, { field: 'losenord' });
  r = await c.submit('/konto/radera', '/konto/radera', {});
  assertFormError(r, MSG.required, { field: 'losenord' });
  assert.equal((await c.get('/konto')).status, 200, 'a refused erase changed something');

  r = await c.submit('/konto/radera', '/konto/radera', { losenord: pw });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  assert.match(r.headers.getSetCookie().find((x) => x.startsWith('sid=')) || '', /^sid=;/);
  assert.match((await c.get('/')).text, /Ditt konto och dina uppgifter är raderade\./);
  assert.equal((await other.get('/konto')).status, 303, 'another session of the erased account still works');

  const login = await new Client(srv.base).submit('/logga-in', '/logga-in', { epost: email, losenord: pw });
  assert.equal(login.status, 400);
  assert.ok(login.text.includes(MSG.loginFailed));
  const admin = await signedIn(srv, 'admin@example.org');
  const list = await admin.get(`/admin?q=${encodeURIComponent(name)}`);
  assert.ok(!list.text.includes(`">${name}</a>`), 'still in the user list');
  // the address is free again
  await signup('Ny igen', email);
});

test('erasing a communicator keeps the posts they wrote', async () => {
  const { c, name, email } = await signup();
  const admin = await signedIn(srv, 'admin@example.org');
  const uid = await userId(admin, name);
  const g = await admin.submit(`/admin/anvandare/${uid}`, `/admin/anvandare/${uid}/roller`, { roll: 'kommunikator', atgard: 'ge' });
  assert.equal(g.status, 303);
  const title = `Nyhet av ${rand()}`;
  const p = await c.submit('/nyheter/ny', '/nyheter/ny', { rubrik: title, text: 'Text som ska finnas kvar.', status: 'publicerad' });
  assert.equal(p.status, 303);
  const slug = p.location.replace('/nyheter/', '');
  const r = await c.submit('/konto/radera', '/konto/radera', { losenord: PW });
  assert.equal(r.status, 303, `erasing a person with posts failed: ${r.status}`);
  const post = await new Client(srv.base).get(`/nyheter/${slug}`);
  assert.equal(post.status, 200);
  assert.ok(post.text.includes('Text som ska finnas kvar.'));
  assert.ok(!post.text.includes(email));
  await assertHealthy(srv.base);
});

test('account pages need a session; a signed-in person is sent on from /logga-in', async () => {
  const c = await signedIn(srv, 'ungdom@example.org');
  const r = await c.get('/logga-in');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/konto');
  const acct = await c.get('/konto');
  assert.match(acct.text, /Ungdom \(13–18 år\)/);
  // signing up while signed in would silently replace the session
  const form = await c.get('/registrera');
  assert.equal(form.status, 303);
  assert.equal(form.location, '/konto');
  const email = `ny-${rand()}@example.org`;
  const up = await c.postRaw('/registrera', { _csrf: await c.csrf('/konto', '/logga-ut'), namn: 'Ny', epost: email, losenord: PW, losenord2: PW });
  assert.equal(up.status, 303);
  assert.equal(up.location, '/konto');
  assert.match((await c.get('/konto')).text, /Ungdom \(13–18 år\)/, 'the session changed to another account');
  const other = new Client(srv.base);
  const login = await other.submit('/logga-in', '/logga-in', { epost: email, losenord: PW });
  assertFormError(login, MSG.loginFailed);
  const anon = new Client(srv.base);
  assertErrorPage(await anon.postRaw('/konto/radera', { _csrf: await anon.csrf('/registrera', '/registrera'), losenord: 'x' }), 403);
});
