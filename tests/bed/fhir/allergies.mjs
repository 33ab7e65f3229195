// Allergies for the banner's second zone: AllergyIntolerance records (FHIR R4 / UK Core) seeded
// for a few bed patients, and GET AllergyIntolerance?patient=NHS_NUMBER (or patient=Patient/NHS)
// answered as a searchset Bundle through the FHIR engine. The request passes the same PDS header
// checks, rate limit and faults as Patient requests (server.mjs routes it after them).
import { isValidNhsNumber } from './nhs-number.mjs';
import { pdsError } from './pds-errors.mjs';

const SNOMED = 'http://snomed.info/sct';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

function allergy({ id, nhs, code, display, text, clinicalStatus = 'active', category, criticality, reaction, recorded }) {
  const record = {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: { coding: [{ system: CLINICAL, code: clinicalStatus }] },
    verificationStatus: { coding: [{ system: VERIFICATION, code: 'confirmed' }] },
    code: { coding: [{ system: SNOMED, code, display }] },
    patient: { reference: `Patient/${nhs}`, identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhs } },
    recordedDate: recorded,
  };
  if (text) record.code.text = text;
  if (category) {
    record.type = 'allergy';
    record.category = [category];
    record.criticality = criticality;
  }
  if (reaction) record.reaction = [{ manifestation: [{ coding: [{ system: SNOMED, code: reaction[0], display: reaction[1] }] }] }];
  return record;
}

// 9000000009: two active allergies (one with code.text, one with only a coding display) and a
// resolved one that must not show; 9733162337: "No known allergy"; nobody else has a record.
export const ALLERGY_RECORDS = [
  allergy({ id: 'bed-allergy-penicillin', nhs: '9000000009', code: '91936005', display: 'Allergy to penicillin',
    text: 'Penicillin', category: 'medication', criticality: 'high', reaction: ['126485001', 'Urticaria'], recorded: '2015-06-01' }),
  allergy({ id: 'bed-allergy-latex', nhs: '9000000009', code: '300916003', display: 'Latex allergy',
    category: 'environment', criticality: 'low', reaction: ['271807003', 'Eruption of skin'], recorded: '2018-02-12' }),
  allergy({ id: 'bed-allergy-dander-resolved', nhs: '9000000009', code: '232347008', display: 'Dander (animal) allergy',
    text: 'Cat dander', clinicalStatus: 'resolved', category: 'environment', criticality: 'low', recorded: '2012-09-30' }),
  allergy({ id: 'bed-allergy-nka', nhs: '9733162337', code: '716186003', display: 'No known allergy', recorded: '2016-01-04' }),
];

export async function seedAllergies(repo) {
  for (const record of ALLERGY_RECORDS) await repo.createResource(structuredClone(record));
  return ALLERGY_RECORDS.length;
}

// -> {status, body}
export async function searchAllergies(query, { router, repo, resourceUrl }) {
  const unexpected = [...new Set(query.keys())].filter((k) => k !== 'patient');
  if (unexpected.length) {
    const list = unexpected.map((k) => `'${k}'`).join(', ');
    return pdsError('ADDITIONAL_PROPERTIES', { diagnostics:
      `Invalid request with error - Additional properties are not allowed (${list} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)` });
  }
  const patients = query.getAll('patient');
  if (patients.length === 0 || patients[0] === '') return pdsError('MISSING_VALUE', { diagnostics: "Missing value - 'patient'" });
  const nhs = patients[0].replace(/^Patient\//, '');
  if (patients.length > 1 || !isValidNhsNumber(nhs)) {
    return pdsError('INVALID_VALUE', { diagnostics: `Invalid value - '${String(patients.join(',')).slice(0, 100)}' in field 'patient'` });
  }
  // The engine only matches a reference search on type/id, not on a bare id.
  const [outcome, bundle] = await router.handleRequest(
    { method: 'GET', url: `AllergyIntolerance?patient=Patient/${nhs}`, body: undefined }, repo);
  if (!bundle) throw new Error(`engine search failed: ${JSON.stringify(outcome)}`);
  const resources = (bundle.entry ?? []).map((e) => e.resource).sort((a, b) => a.id.localeCompare(b.id));
  for (const r of resources) delete r.meta; // the engine's bookkeeping
  const body = { resourceType: 'Bundle', type: 'searchset', timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'), total: resources.length };
  if (resources.length) {
    body.entry = resources.map((resource) => ({ fullUrl: resourceUrl(`AllergyIntolerance/${resource.id}`), search: { mode: 'match' }, resource }));
  }
  return { status: 200, body };
}
