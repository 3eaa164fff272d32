// Shared by the inhabithon tests (issue 11: tests/http/hackathon*.test.mjs
// and tests/browser/hackathon_flow.test.mjs): a hackathon made by a
// coordinator through the form, its challenges and phases, and readers for
// the pages.
import assert from 'node:assert/strict';
import { rand, sqlInt } from './calls_helpers.mjs';

export { EMAIL, mails, personWithRole, rand, signedIn, sql, sqlInt, startCallsServer, waitMail, OPEN } from './calls_helpers.mjs';

/** Swedish messages of issue 11 (locale/sv/hackathon.txt). */
export const H = {
  weightNegative: 'En vikt kan inte vara negativ.',
  weightSum: 'Minst en vikt måste vara större än noll.',
  registered: 'Den här e-postadressen är redan anmäld.',
  youthAge: 'Som ung ska du vara 13–18 år i år.',
  guardian: 'Skriv namn och telefon till en vårdnadshavare',
  teamFull: 'Laget är fullt',
  oneTeam: 'Du är redan med i ett lag',
  locked: 'Bidraget är låst',
  notMember: 'Du är inte med i laget',
  scoreRange: 'Poängen måste vara ett heltal från 0 till 4.',
  scoreMissing: 'Välj en poäng från 0 till 4.',
  scoringClosed: 'Bedömningen är inte öppen',
  conflict: 'Du har jäv',
  hidden: 'Resultatet är inte publicerat',
  checkMail: 'Klicka på länken i mejlet för att bekräfta anmälan',
  waiting: 'Du står på väntelistan',
  ideaMail: 'Ert bidrag blir en testidé',
};

/** A hackathon made through the coordinator's form; returns its slug.
 *  opts: capacity, teamMax, deadline ('YYYY-MM-DD'), time, project (id),
 *  weights ([name, weight] pairs). */
export async function newHack(k, opts = {}) {
  const fields = hackFields(opts);
  const r = await k.submit('/inhabithon/ny', '/inhabithon/ny', fields);
  if (opts.expectStatus) return r;
  assert.equal(r.status, 303, `create hackathon: ${r.status} ${r.text.slice(0, 300)}`);
  const m = r.location.match(/^\/inhabithon\/([a-z0-9-]+)$/);
  assert.ok(m, `hackathon redirect: ${r.location}`);
  return m[1];
}

/** The fields of the hackathon form (create and edit). */
export function hackFields(opts = {}) {
  const name = opts.name ?? `Inhabithon ${rand()}`;
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const fields = {
    namn: name, start: '2027-06-17', slut: '2027-06-19', plats: 'Helsingborg',
    beskrivning: 'En helg där invånare tar sig an utmaningar.',
    program: '## Fredag\n\n- Introduktion till utmaningarna\n\n## Lördag\n\n- Utvecklingsprocess\n\n## Söndag\n\n- Prototyper och jury',
    resultat_datum: '2027-07-02', resultat_plats: 'Domen i Slottshagen',
    platser: String(opts.capacity ?? 10), lagstorlek: String(opts.teamMax ?? 2), vinnare: '1', malsman: '1',
    inlamning_datum: opts.deadline ?? tomorrow, inlamning_tid: opts.time ?? '13:00',
    projekt: String(opts.project ?? 0),
  };
  const weights = opts.weights ?? [['Behov och användarnas röst', '3'], ['Genomförbarhet', '1']];
  weights.forEach(([n, w], i) => {
    fields[`kriterium-${i + 1}-namn`] = n;
    fields[`kriterium-${i + 1}-vikt`] = w;
  });
  return fields;
}

/** Adds a challenge; returns its id. */
export async function addChallenge(k, slug, title, brief = 'Bakgrund.') {
  const r = await k.submit(`/inhabithon/${slug}/utmaning`, `/inhabithon/${slug}/utmaning`, { titel: title, bakgrund: brief });
  assert.equal(r.status, 303, `challenge: ${r.status} ${r.text.slice(0, 300)}`);
  const page = await k.get(`/inhabithon/${slug}`);
  const ids = [...page.text.matchAll(/<h3 id="u-(\d+)">([^<]*)<\/h3>/g)];
  const found = ids.find((x) => x[2] === title);
  assert.ok(found, `challenge ${title} not on the page`);
  return found[1];
}

/** Moves the hackathon one step to `till`. */
export async function phase(k, slug, till) {
  const r = await k.submit(`/inhabithon/${slug}`, `/inhabithon/${slug}/fas`, { till });
  assert.equal(r.status, 303, `phase ${till}: ${r.status} ${r.text.slice(0, 400)}`);
}

/** The team ids by name, from the teams page. */
export async function teamIds(c, slug) {
  const r = await c.get(`/inhabithon/${slug}/lag`);
  assert.equal(r.status, 200);
  const out = {};
  for (const m of r.text.matchAll(/<li class="card" id="lag-(\d+)"><h2>([^<]*)<\/h2>/g)) out[m[2]] = m[1];
  return out;
}

/** The submission id of a team (from the database). */
export function submissionId(srv, teamId) {
  return sqlInt(srv, `SELECT id FROM hack_submissions WHERE team_id = ${Number(teamId)}`);
}

/** Registers a signed-in person as a young person of 16. */
export function youthFields(extra = {}) {
  return { typ: 'ungdom', fodelsear: String(new Date().getFullYear() - 16), kompetens: 'Film', alla_dagar: '1', ...extra };
}

/** Every criterion's field name on the scoring form. */
export function scoreFields(html) {
  return [...new Set([...html.matchAll(/name="(poang-\d+)"/g)].map((m) => m[1]))];
}
