// PDS patient search: PDS's parameter rules on top of the FHIR engine's search. The engine
// narrows candidates (family/given/gender/birthdate/postcode/death-date/email/phone); this file
// then applies PDS name semantics (exact, '*' wildcards, fuzzy) and scores each match 0..1.
import { pdsError } from './pds-errors.mjs';

const ALLOWED = new Set(['_fuzzy-match', '_exact-match', '_history', '_max-results', 'family', 'given',
  'gender', 'birthdate', 'death-date', 'address-postcode', 'address-postalcode', 'general-practitioner',
  'email', 'phone']);
const DATE = /^(eq|ge|le)?(\d{4}-\d{2}-\d{2})$/;
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);
const TOO_LITTLE = "Invalid search data provided - 'No searches were performed as the search criteria did not meet the minimum requirements'";
// Fields PDS returns in a search result (no place of birth, pharmacies, preferences, ...).
const SEARCH_FIELDS = ['resourceType', 'id', 'identifier', 'meta', 'name', 'gender', 'birthDate', 'multipleBirthInteger',
  'multipleBirthBoolean', 'deceasedDateTime', 'address', 'telecom', 'contact', 'generalPractitioner', 'extension'];
const DEATH_NOTIFICATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus';

const norm = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
const normPostcode = (s) => {
  const p = String(s).toUpperCase().replace(/\s+/g, '');
  return /^[A-Z0-9]{5,7}$/.test(p) ? `${p.slice(0, -3)} ${p.slice(-3)}` : p;
};

function levenshtein(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function soundex(s) {
  const codes = { b: 1, f: 1, p: 1, v: 1, c: 2, g: 2, j: 2, k: 2, q: 2, s: 2, x: 2, z: 2, d: 3, t: 3, l: 4, m: 5, n: 5, r: 6 };
  const letters = norm(s).replace(/[^a-z]/g, '');
  if (!letters) return '';
  let out = letters[0].toUpperCase();
  let last = codes[letters[0]];
  for (const ch of letters.slice(1)) {
    const code = codes[ch];
    if (code && code !== last) out += code;
    if (ch !== 'h' && ch !== 'w') last = code;
  }
  return (out + '000').slice(0, 4);
}

// Non-fuzzy: exact (case-insensitive) scores 1; a '*' wildcard match scores a little less.
function strictScore(pattern, actual) {
  const p = norm(pattern);
  const a = norm(actual);
  if (!p.includes('*')) return p === a ? 1 : 0;
  const re = new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  if (!re.test(a)) return 0;
  const literal = p.replace(/\*/g, '').length;
  return literal >= a.length ? 1 : 0.9 + 0.1 * (literal / a.length);
}

// Fuzzy: case-insensitive exact 1; a near miss (edit distance <= 2, or same Soundex) lower.
function fuzzyScore(wanted, actual) {
  const w = norm(wanted).replace(/[^a-z ]/g, '');
  const a = norm(actual).replace(/[^a-z ]/g, '');
  if (!w || !a) return 0;
  if (w === a) return 1;
  const distance = levenshtein(w, a);
  if (distance <= 2) return Math.max(0.8, 0.95 - 0.05 * distance);
  return soundex(w) === soundex(a) ? 0.8 : 0;
}

const best = (values, score) => values.reduce((m, v) => Math.max(m, score(v)), 0);

// The best score over the patient's names (usual, nickname, temp; any when untyped).
function nameScore(patient, family, givens, fuzzy) {
  const names = (patient.name ?? []).filter((n) => !n.use || ['usual', 'nickname', 'temp'].includes(n.use));
  const cmp = fuzzy ? fuzzyScore : strictScore;
  let top = 0;
  for (const name of names) {
    const nameGivens = [...(name.given ?? []), (name.given ?? []).join(' ')];
    const score = (fam, givenList) => {
      let s = fam === undefined ? 1 : cmp(fam, name.family ?? '');
      for (const g of givenList) s *= best(nameGivens, (x) => cmp(g, x));
      return s;
    };
    top = Math.max(top, score(family, givens));
    // Fuzzy search also checks transposed names ("Adam Thomas" for "Thomas Adam").
    if (fuzzy && family !== undefined && givens.length === 1) top = Math.max(top, 0.9 * score(givens[0], [family]));
  }
  return top;
}

function searchView(patient) {
  const view = {};
  for (const key of SEARCH_FIELDS) if (patient[key] !== undefined) view[key] = patient[key];
  if (view.meta) view.meta = { versionId: view.meta.versionId, security: view.meta.security };
  if (view.name) view.name = view.name.filter((n) => !n.use || ['usual', 'nickname', 'temp'].includes(n.use));
  if (view.address) view.address = view.address.filter((a) => a.use === 'home');
  if (view.extension) view.extension = view.extension.filter((e) => e.url === DEATH_NOTIFICATION);
  for (const key of ['name', 'address', 'extension']) if (view[key]?.length === 0) delete view[key];
  return view;
}

const restricted = (p) => (p.meta?.security ?? []).some((s) => s.code === 'R' || s.code === 'V');

// Checks the query as PDS does; returns a pdsError or the parsed criteria.
function parse(query) {
  const keys = [...new Set(query.keys())];
  if (keys.length === 0) return { error: pdsError('UNSUPPORTED_SERVICE') };
  const unexpected = keys.filter((k) => !ALLOWED.has(k));
  if (unexpected.length) {
    const list = unexpected.map((k) => `'${k}'`).join(', ');
    return { error: pdsError('ADDITIONAL_PROPERTIES', { diagnostics:
      `Invalid request with error - Additional properties are not allowed (${list} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)` }) };
  }
  const invalid = (value, field) => ({ error: pdsError('INVALID_VALUE', { diagnostics: `Invalid value - '${String(value).slice(0, 100)}' in field '${field}'` }) });
  for (const field of ['birthdate', 'death-date']) {
    for (const v of query.getAll(field)) {
      const m = DATE.exec(v);
      if (!m || Number.isNaN(Date.parse(m[2]))) return invalid(v, field);
    }
  }
  const flags = {};
  for (const flag of ['_fuzzy-match', '_exact-match', '_history']) {
    const v = query.get(flag);
    if (v !== null && v !== 'true' && v !== 'false') return invalid(v, flag);
    flags[flag] = v === 'true';
  }
  const gender = query.get('gender');
  if (gender !== null && !GENDERS.has(gender)) return invalid(gender, 'gender');
  let max = 50;
  if (query.has('_max-results')) {
    const v = query.get('_max-results');
    max = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!(max >= 1 && max <= 50)) return invalid(v, '_max-results');
  }
  const c = {
    fuzzy: flags['_fuzzy-match'],
    exact: flags['_exact-match'],
    family: query.get('family') ?? undefined,
    givens: query.getAll('given'),
    gender,
    birthdates: query.getAll('birthdate'),
    postcode: query.get('address-postalcode') ?? query.get('address-postcode'),
    gp: query.get('general-practitioner'),
    max,
  };
  if (c.birthdates.length === 0) {
    return { error: pdsError('MISSING_VALUE', { diagnostics: "Missing value - 'birth_date/birth_date_range_start/birth_date_range_end'" }) };
  }
  const names = [c.family, ...c.givens, c.postcode].filter((v) => v !== undefined && v !== null);
  if (c.fuzzy) {
    const has = (v) => v !== undefined && v !== null && v !== '' && (!Array.isArray(v) || v.length > 0);
    const enough = (has(c.givens) && has(c.family)) || (has(c.family) && has(c.gender) && has(c.postcode))
      || (has(c.givens) && has(c.gender) && has(c.postcode));
    if (!enough || names.some((v) => v.includes('*'))) return { error: pdsError('INVALID_SEARCH_DATA', { diagnostics: TOO_LITTLE }) };
  } else if (!c.family || names.some((v) => v.includes('*') && v.replace(/\*/g, '').length < 2)) {
    return { error: pdsError('INVALID_SEARCH_DATA', { diagnostics: TOO_LITTLE }) };
  }
  return { criteria: c };
}

// The engine query: a superset of the PDS matches, narrowed further in searchPatients.
function engineQuery(query, c) {
  const q = new URLSearchParams();
  q.append('active:not', 'false'); // superseded and invalidated records are never returned
  for (const v of c.birthdates) q.append('birthdate', v);
  if (c.gender) q.append('gender', c.gender);
  if (c.postcode) q.append('address-postalcode', normPostcode(c.postcode.split('*')[0]).trim());
  if (!c.fuzzy) {
    q.append('family', c.family.split('*')[0]); // the engine matches substrings, case-insensitively
    for (const g of c.givens) q.append('given', g.split('*')[0]);
    for (const v of query.getAll('death-date')) q.append('death-date', v);
  }
  for (const field of ['email', 'phone']) if (query.has(field)) q.append(field, query.get(field));
  return q;
}

function postcodeScore(patient, wanted) {
  const homes = (patient.address ?? []).filter((a) => a.use === 'home' && a.postalCode);
  return best(homes, (a) => strictScore(normPostcode(wanted), normPostcode(a.postalCode)));
}

// -> {status, body}
export async function searchPatients(query, { router, repo, patientUrl }) {
  const { error, criteria: c } = parse(query);
  if (error) return error;
  const url = `Patient?${engineQuery(query, c)}`;
  const [outcome, bundle] = await router.handleRequest({ method: 'GET', url, body: undefined }, repo);
  if (!bundle) throw new Error(`engine search failed: ${JSON.stringify(outcome)}`);
  const matches = [];
  for (const { resource: patient } of bundle.entry ?? []) {
    if ((c.postcode || c.gp) && restricted(patient)) continue; // PDS hides restricted patients then
    if (c.gp && !(patient.generalPractitioner ?? []).some((g) => g.identifier?.value === c.gp)) continue;
    let score = nameScore(patient, c.family, c.givens, c.fuzzy);
    if (c.postcode) score *= postcodeScore(patient, c.postcode);
    score = Math.round(score * 10000) / 10000;
    if (score > 0 && (!c.exact || score === 1)) matches.push({ patient, score });
  }
  if (matches.length > c.max) return pdsError('TOO_MANY_MATCHES');
  matches.sort((a, b) => b.score - a.score || a.patient.id.localeCompare(b.patient.id));
  const body = { resourceType: 'Bundle', type: 'searchset', timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'), total: matches.length };
  if (matches.length) {
    body.entry = matches.map(({ patient, score }) => ({ fullUrl: patientUrl(patient.id), search: { score }, resource: searchView(patient) }));
  }
  return { status: 200, body };
}
