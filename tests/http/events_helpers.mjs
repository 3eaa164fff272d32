// Shared by the events tests (issue 9): a server with the SMTP sink and a
// clock the test sets, events made through the organisers' form, and the
// links of the e-mails.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, hiddenFields } from '../lib/client.mjs';
import { mails, startCallsServer, sleep } from './calls_helpers.mjs';

export { mails, sleep };

/** A server whose clock is the file srv.setClock writes (test mode). */
export async function startEventsServer(opts = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-clock-'));
  const clock = path.join(dir, 'now');
  const srv = await startCallsServer({
    ...opts,
    env: { SAMSKAP_TEST_MODE: '1', SAMSKAP_TEST_CLOCK_FILE: clock, SAMSKAP_TEST_FAIL_FILE: path.join(dir, 'fail'),
      ...(opts.env || {}) },
  });
  /** Makes the named write fail ("outbox", "audit"), or none. */
  srv.failWrite = (point) => (point ? writeFileSync(path.join(dir, 'fail'), point) : rmSync(path.join(dir, 'fail'), { force: true }));
  srv.setClock = (t) => writeFileSync(clock, String(Math.floor(t)));
  srv.realClock = () => rmSync(clock, { force: true });
  const stop = srv.stop.bind(srv);
  srv.stop = async (o) => {
    try { await stop(o); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
  return srv;
}

/** A date `days` from now, YYYY-MM-DD. */
export function dayFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

/** Creates an event as organiser `k`; returns {id, occ: [occurrence ids]}. */
export async function createEvent(k, fields) {
  const r = await k.submit('/evenemang/nytt', '/evenemang/nytt', {
    arrangor: 'socialforvaltningen', start: '12:00', slut: '14:00', publicera: '1', upprepning: 'ingen',
    platser: '2', ...fields,
  });
  assert.equal(r.status, 303, `create event: ${r.status}\n${r.text.slice(0, 3000)}`);
  const id = r.location.match(/\/evenemang\/(\d+)$/)[1];
  const page = await k.get(`/evenemang/${id}`);
  const occ = [...new Set([...page.text.matchAll(new RegExp(`/evenemang/${id}/tillfalle/(\\d+)/anmalningar`, 'g'))].map((m) => m[1]))];
  return { id, occ };
}

/** Registers `email` as a person without an account. */
export async function register(base, ev, occ, email, name = 'Test Person') {
  const c = new Client(base);
  const r = await c.submit(`/evenemang/${ev}/tillfalle/${occ}`, `/evenemang/${ev}/tillfalle/${occ}`, {
    namn: name, epost: email, behov: '',
  });
  return { c, r };
}

/** The newest mail to `to` whose subject holds `subject`, waiting for it. */
export async function mailTo(srv, to, subject, { after = 0, timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = mails(srv.maildir).filter((m) => m.to.includes(to.toLowerCase()) && m.subject.includes(subject));
    if (found.length > after) return found[found.length - 1];
    if (Date.now() > deadline) {
      assert.fail(`no e-mail "${subject}" to ${to} (have ${mails(srv.maildir).map((m) => `${m.to[0]}: ${m.subject}`).join(' | ')})`);
    }
    await sleep(150);
  }
}

export function link(mail, kind) {
  const m = mail.body.match(new RegExp(`(/evenemang/${kind}/[A-Za-z0-9_-]{20,})`));
  assert.ok(m, `no ${kind} link in:\n${mail.body}`);
  return m[1];
}

/** Follows a link page's button (a POST with the page's form). */
export async function press(c, linkPath) {
  const p = await c.get(linkPath);
  if (p.status !== 200 || !p.text.includes(`action="${linkPath}`)) return p;
  return c.postRaw(linkPath, hiddenFields(p.text, linkPath));
}

/** Another `samskap serve` on the same database (as on several servers);
 *  stop() fails on logged errors, as the first server's does. */
export async function secondServer(first) {
  const { spawn } = await import('node:child_process');
  const { freePort, logProblems } = await import('../lib/server.mjs');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(first.bin, ['serve'], { env: { ...first.env, SAMSKAP_LISTEN: `127.0.0.1:${port}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second server exited:\n${logs.join('')}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`second server did not start:\n${logs.join('')}`);
    await sleep(50);
  }
  return {
    base,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      const problems = logProblems(logs.join(''));
      if (problems.length) throw new Error(`second server logged problems:\n${problems.join('\n')}`);
    },
  };
}
