// Every page type of samskap, as the browser tests visit it: who looks at
// it, in which language, the address, what its main heading says, the HTTP
// status of the page finally shown, and for pages that are the result of a
// form post the steps that lead there (plain fills and clicks, so that they
// work with JavaScript on and off).
import { Client } from '../../lib/client.mjs';
import { submit } from './browser.mjs';

/** Facts about the demo data the catalogue needs: a post with comments
 *  and the admin page of the person who represents Framtidsverkstaden. */
export async function discover(base) {
  const anon = new Client(base);
  const list = await anon.get('/nyheter');
  let best = null;
  for (const m of list.text.matchAll(/<h2><a href="\/nyheter\/([^"]+)">[\s\S]*?<\/p>/g)) {
    const n = Number((m[0].match(/(\d+) kommentar/) || [0, 0])[1]);
    if (!best || n > best.n) best = { slug: m[1], n };
  }
  if (!best || best.n === 0) throw new Error('no demo post with comments');
  const admin = new Client(base);
  await admin.login('admin@example.org');
  const users = await admin.get('/admin');
  let repId = null;
  for (const m of users.text.matchAll(/href="\/admin\/anvandare\/(\d+)"/g)) {
    const u = await admin.get(`/admin/anvandare/${m[1]}`);
    if (u.text.includes('/organisationer/framtidsverkstaden"')) { repId = m[1]; break; }
  }
  if (!repId) throw new Error('nobody represents Framtidsverkstaden in the demo data');

  // projects: one open for ideas, one with ideas; an idea of Framtidsverkstaden
  const projects = await anon.get('/projekt');
  let openProject = null;
  let ideasProject = null;
  for (const m of projects.text.matchAll(/<h2><a href="\/projekt\/([^"]+)">[\s\S]*?<\/p>/g)) {
    if (!openProject && /Öppet/.test(m[0])) openProject = m[1];
    const ideas = await anon.get(`/projekt/${m[1]}/ideer`);
    if (!ideasProject && /href="\/ideer\/\d+"/.test(ideas.text)) ideasProject = m[1];
  }
  const rep = new Client(base);
  await rep.login('forening@example.org');
  const mine = await rep.get('/mina-ideer');
  const ideaId = (mine.text.match(/href="\/ideer\/(\d+)"/) || [])[1];
  if (!openProject || !ideasProject || !ideaId) {
    throw new Error(`demo projects not as expected: ${openProject} ${ideasProject} ${ideaId}`);
  }

  // the development group: its meetings (one with published minutes, one
  // coming up) and an activity
  const groups = await anon.get('/grupper');
  const group = ((groups.location || '').match(/^\/grupper\/([^/?#]+)/)
    || groups.text.match(/href="\/grupper\/([^"/?#]+)"/) || [])[1];
  const gp = await anon.get(`/grupper/${group}`);
  let pastMeeting = null;
  let nextMeeting = null;
  for (const m of new Set([...gp.text.matchAll(/href="\/moten\/(\d+)"/g)].map((x) => x[1]))) {
    const page = await anon.get(`/moten/${m}`);
    if (/id="protokoll"/.test(page.text)) pastMeeting ??= m;
    else if (/class="tag/.test(page.text)) nextMeeting ??= m;
  }
  const acts = await anon.get('/aktiviteter');
  const activityId = (acts.text.match(/href="\/aktiviteter\/(\d+)"/) || [])[1];
  if (!group || !pastMeeting || !nextMeeting || !activityId) {
    throw new Error(`demo group not as expected: ${group} ${pastMeeting} ${nextMeeting} ${activityId}`);
  }
  return {
    postSlug: best.slug, postComments: best.n, repId, openProject, ideasProject, ideaId,
    group, pastMeeting, nextMeeting, activityId,
  };
}

const commentButton = 'form[action*="/kommentera"] button[type="submit"]';

/** The comment form, sent with an e-mail address without a domain and a
 *  personal identity number in the text: two server-side errors. */
async function failComment(page) {
  await page.fill('#f-namn', 'Testa Testsson');
  await page.fill('#f-epost', 'testa@exempel');
  await page.fill('#f-kommentar', 'Ring mig, mitt personnummer är 19121212-1212.');
  return submit(page, commentButton);
}

async function failLogin(page) {
  await page.fill('#f-epost', `ingen-${Math.random().toString(36).slice(2, 8)}@example.org`);
  await page.fill('#f-losenord', 'fel-losenord-123');
  return submit(page, 'main form[action^="/logga-in"] button[type="submit"]');
}

async function failSignup(page) {
  await page.fill('#f-namn', 'Åsa Öberg');
  await page.fill('#f-epost', 'asa.oberg@example.org');
  await page.fill('#f-losenord', 'kort');
  await page.fill('#f-losenord2', 'annat');
  return submit(page, 'main form[action^="/registrera"] button[type="submit"]');
}

async function preview(page) {
  await page.fill('#f-rubrik', 'Pratcaféet öppnar igen på torsdag');
  await page.fill('#f-ingress', 'Välkommen till pratcaféet varje torsdag 12–19.');
  await page.fill('#f-text', 'Vi ses på **Drottninggatan 14**.\n\n## Program\n\n- fika\n- samtal om '
    + 'psykisk hälsa\n\nLäs mer på [Helsingborgs stad](https://helsingborg.se).');
  return submit(page, 'button[name="forhandsgranska"]');
}

/** A test idea sent in with every required field filled, but the end
 *  date before the start date and an amount in words. */
async function failIdea(page) {
  for (const id of ['titel', 'behov', 'ungas_roll', 'atgard_text', 'aterkoppling', 'delning']) {
    if (await page.locator(`#f-${id}`).count()) await page.fill(`#f-${id}`, 'Läxhjälp på fritidsgården, planerad av unga.');
  }
  await page.fill('#f-fran', '2027-03-01');
  await page.fill('#f-till', '2027-02-01');
  await page.selectOption('#f-rad-1-kategori', { index: 1 });
  await page.fill('#f-rad-1-text', 'Fika');
  await page.fill('#f-rad-1-belopp', 'tolv kronor');
  return submit(page, 'button[name="atgard"][value="skicka"]');
}

/** A topic suggestion with a personal identity number in it. */
async function failTopic(page) {
  await page.fill('#f-tema', 'Boendestöd – ring mig, 19121212-1212, så berättar jag mer.');
  await page.fill('#f-namn', 'Göran Ek');
  return submit(page, 'main form button[type="submit"]');
}

/**
 * The catalogue.  Fields: id (file name of the screenshot), as (demo
 * account or 'anon'), lang, path, heading (the h1), status (of the page
 * shown at the end), setup (steps after loading path), typical (counted
 * for the page-weight check), form (the page has a form to fill in),
 * errors (the page shows a form's errors), bare (no site frame: a print
 * view), variant (another person's or
 * language's view of a page type already listed: axe and the no-JavaScript
 * test visit it, the layout checks do not).
 */
export function catalogue(d) {
  const post = `/nyheter/${d.postSlug}`;
  return [
    { id: 'start', path: '/', heading: /Välkommen till samskap/, typical: true },
    { id: 'nyheter', path: '/nyheter', heading: /^Nyheter$/, typical: true },
    { id: 'inlagg', path: post, heading: /\S/, typical: true, form: true },
    { id: 'kommentar-fel', path: post, heading: /\S/, setup: failComment, status: 400, form: true,
      errors: true },
    { id: 'organisationer', path: '/organisationer', heading: /^Organisationer$/, typical: true,
      form: true },
    { id: 'organisationer-sok', variant: true, path: '/organisationer?q=hel', heading: /^Organisationer$/, form: true },
    { id: 'organisation-helsam', path: '/organisationer/helsam', heading: /^Helsam$/, typical: true },
    { id: 'logga-in', path: '/logga-in', heading: /^Logga in$/, typical: true, form: true },
    { id: 'logga-in-fel', path: '/logga-in', heading: /^Logga in$/, setup: failLogin, status: 400,
      form: true, errors: true },
    { id: 'registrera', path: '/registrera', heading: /^Skapa konto$/, form: true },
    { id: 'registrera-fel', path: '/registrera', heading: /^Skapa konto$/, setup: failSignup,
      status: 400, form: true, errors: true },
    { id: 'tillganglighet', path: '/tillganglighet', heading: /^Tillgänglighetsredogörelse$/,
      typical: true },
    { id: 'integritet', path: '/integritet', heading: /^Så hanterar vi personuppgifter$/ },
    { id: '404', path: '/finns-inte', heading: /^Sidan finns inte$/, status: 404 },

    { id: 'start-inloggad', as: 'kommunikator', path: '/', heading: /Välkommen/ },
    { id: 'nyheter-inloggad', variant: true, as: 'kommunikator', path: '/nyheter', heading: /^Nyheter$/ },
    { id: 'inlagg-inloggad', variant: true, as: 'ungdom', path: post, heading: /\S/, form: true },
    { id: 'konto', as: 'ungdom', path: '/konto', heading: /^Mitt konto$/ },
    { id: 'konto-foreningen', variant: true, as: 'forening', path: '/konto', heading: /^Mitt konto$/ },
    { id: 'losenord', as: 'ungdom', path: '/konto/losenord', heading: /^Byt lösenord$/, form: true },
    { id: 'radera-konto', as: 'ungdom', path: '/konto/radera', heading: /^Radera mitt konto$/,
      form: true },
    { id: 'redaktion', as: 'kommunikator', path: '/redaktion', heading: /^Redaktion$/ },
    { id: 'ny-nyhet', as: 'kommunikator', path: '/nyheter/ny', heading: /^Skriv en nyhet$/, form: true },
    { id: 'ny-nyhet-forhandsgranskning', as: 'kommunikator', path: '/nyheter/ny',
      heading: /^Skriv en nyhet$/, setup: preview, form: true },
    { id: 'ny-nyhet-reporter', variant: true, as: 'reporter', path: '/nyheter/ny', heading: /^Skriv en nyhet$/,
      form: true },
    { id: 'organisation-redigera', as: 'forening', path: '/organisationer/framtidsverkstaden/redigera',
      heading: /^Redigera organisationen$/, form: true },
    { id: 'admin-anvandare', as: 'admin', path: '/admin', heading: /^Användare och roller$/,
      form: true },
    { id: 'admin-anvandare-detalj', as: 'admin', path: `/admin/anvandare/${d.repId}`, heading: /\S/,
      form: true },
    { id: 'admin-logg', as: 'admin', path: '/admin/logg', heading: /^Logg över administrativa åtgärder$/ },
    { id: 'admin-epost', as: 'admin', path: '/admin/epost', heading: /^Utkorg för e-post$/ },
    { id: 'redaktion-koordinator', variant: true, as: 'koordinator', path: '/redaktion', heading: /^Redaktion$/ },
    { id: 'konto-koordinator', variant: true, as: 'koordinator', path: '/konto', heading: /^Mitt konto$/ },
    { id: '403', as: 'forening', path: '/admin', heading: /^Åtkomst nekad$/, status: 403 },

    { id: 'projekt', path: '/projekt', heading: /^Projekt$/, typical: true },
    { id: 'projekt-oppet', path: `/projekt/${d.openProject}`, heading: /\S/, typical: true },
    { id: 'projekt-med-ideer', variant: true, path: `/projekt/${d.ideasProject}`, heading: /\S/ },
    { id: 'projekt-ideer', path: `/projekt/${d.ideasProject}/ideer`, heading: /^Testidéer$/, form: true },
    { id: 'projekt-ekonomi', path: `/projekt/${d.ideasProject}/ekonomi`, heading: /^Ekonomisk översikt$/ },
    { id: 'ide', path: `/ideer/${d.ideaId}`, heading: /\S/, typical: true },
    { id: 'ide-koordinator', as: 'koordinator', path: `/ideer/${d.ideaId}`, heading: /\S/, form: true },
    // the demo idea is already decided: the page shows the criteria, no form
    { id: 'ide-bedomning', as: 'koordinator', path: `/ideer/${d.ideaId}/bedomning`, heading: /^Bedömning$/ },
    { id: 'bedomning', as: 'koordinator', path: '/bedomning', heading: /^Att bedöma och hantera$/ },
    { id: 'ny-ide', as: 'forening', path: `/projekt/${d.openProject}/ny-ide`, heading: /^Lämna in en testidé$/,
      form: true },
    { id: 'ny-ide-fel', as: 'forening', path: `/projekt/${d.openProject}/ny-ide`,
      heading: /^Lämna in en testidé$/, setup: failIdea, status: 400, form: true, errors: true },
    { id: 'ny-ide-ungdom', variant: true, as: 'ungdom', path: `/projekt/${d.openProject}/ny-ide`,
      heading: /^Lämna in en testidé$/, form: true },
    { id: 'utlagg', as: 'forening', path: `/ideer/${d.ideaId}/utlagg`,
      heading: /^Begär ersättning för ett utlägg$/, form: true },
    { id: 'mina-ideer', as: 'forening', path: '/mina-ideer', heading: /^Mina idéer$/ },
    { id: 'aviseringar', as: 'forening', path: '/aviseringar', heading: /^Aviseringar$/ },
    { id: 'projekt-ny', as: 'koordinator', path: '/projekt/ny', heading: /^Nytt projekt$/, form: true },
    { id: 'projekt-redigera', as: 'koordinator', path: `/projekt/${d.openProject}/redigera`,
      heading: /^Redigera projektet$/, form: true },

    { id: 'aktiviteter', path: '/aktiviteter', heading: /^Aktiviteter$/, typical: true },
    { id: 'aktivitet', path: `/aktiviteter/${d.activityId}`, heading: /\S/ },
    { id: 'aktivitet-ny', as: 'koordinator', path: '/aktiviteter/ny', heading: /^Ny aktivitet$/, form: true },
    { id: 'aktivitet-redigera', variant: true, as: 'koordinator', path: `/aktiviteter/${d.activityId}/redigera`,
      heading: /^Ändra aktiviteten$/, form: true },
    { id: 'grupp', path: `/grupper/${d.group}`, heading: /\S/, typical: true },
    { id: 'foresla-tema', path: `/grupper/${d.group}/foresla-tema`, heading: /^Föreslå ett tema$/, form: true },
    { id: 'foresla-tema-fel', path: `/grupper/${d.group}/foresla-tema`, heading: /^Föreslå ett tema$/,
      setup: failTopic, status: 400, form: true, errors: true },
    { id: 'tema-forslag', as: 'koordinator', path: `/grupper/${d.group}/forslag`, heading: /\S/ },
    { id: 'mote-med-protokoll', path: `/moten/${d.pastMeeting}`, heading: /\S/, typical: true },
    { id: 'mote-kommande', path: `/moten/${d.nextMeeting}`, heading: /\S/ },
    // a page of its own for paper: no site header, navigation or skip link
    { id: 'mote-utskrift', path: `/moten/${d.pastMeeting}/utskrift`, heading: /\S/, bare: true },
    { id: 'mote-nytt', as: 'koordinator', path: `/grupper/${d.group}/nytt-mote`, heading: /^Planera ett nytt möte$/,
      form: true },
    { id: 'mote-redigera', variant: true, as: 'koordinator', path: `/moten/${d.nextMeeting}/redigera`,
      heading: /^Ändra mötet$/, form: true },
    { id: 'dagordning', as: 'koordinator', path: `/moten/${d.nextMeeting}/dagordning`,
      heading: /^Ändra dagordningen$/, form: true },
    { id: 'protokoll', as: 'koordinator', path: `/moten/${d.pastMeeting}/protokoll`, heading: /^Skriv protokoll$/,
      form: true },

    { id: 'en-start', lang: 'en', path: '/', heading: /\S/ },
    { id: 'en-inlagg', lang: 'en', path: post, heading: /\S/, form: true },
    { id: 'en-kommentar-fel', lang: 'en', path: post, heading: /\S/, setup: failComment, status: 400,
      form: true, errors: true },
    { id: 'en-logga-in-fel', variant: true, lang: 'en', path: '/logga-in', heading: /^Sign in$/, setup: failLogin,
      status: 400, form: true, errors: true },
    { id: 'en-registrera-fel', lang: 'en', path: '/registrera', heading: /^Create an account$/,
      setup: failSignup, status: 400, form: true, errors: true },
    { id: 'en-404', variant: true, lang: 'en', path: '/finns-inte', heading: /^Page not found$/, status: 404 },
  ].map((p) => ({ as: 'anon', lang: 'sv', status: 200, ...p }));
}

/** Loads a catalogue page in `ctx`; returns the page and the final status. */
export async function open(ctx, base, entry) {
  const page = await ctx.newPage();
  let resp = await page.goto(base + entry.path);
  if (entry.setup) resp = await entry.setup(page);
  return { page, status: resp ? resp.status() : null };
}

/** The ids of the catalogue, known before the server runs (node:test
 *  needs the test names up front). */
const STAND_IN = catalogue({
  postSlug: 'x', repId: '1', openProject: 'x', ideasProject: 'x', ideaId: '1',
  group: 'x', pastMeeting: '1', nextMeeting: '2', activityId: '1',
});
export const IDS = STAND_IN.map((p) => p.id);
export const PAGE_TYPE_IDS = STAND_IN.filter((p) => !p.variant).map((p) => p.id);
