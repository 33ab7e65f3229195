// PDS patient retrieval: GET Patient/{NHS number} through the FHIR engine, following
// superseded records (Patient.link replaced-by) to the current one as PDS does.
import { isValidNhsNumber } from './nhs-number.mjs';
import { pdsError } from './pds-errors.mjs';

async function engineRead(router, repo, id) {
  const [outcome, patient] = await router.handleRequest({ method: 'GET', url: `Patient/${id}`, body: undefined }, repo);
  if (patient) return patient;
  if (outcome.issue?.[0]?.code === 'not-found') return null;
  throw new Error(`engine read failed: ${JSON.stringify(outcome)}`);
}

// -> {status, body, headers}
export async function readPatient(id, { router, repo }) {
  if (!isValidNhsNumber(id)) return pdsError('INVALID_RESOURCE_ID');
  let patient = await engineRead(router, repo, id);
  for (let hops = 0; patient?.active === false && hops < 5; hops++) {
    const next = patient.link?.find((l) => l.type === 'replaced-by')?.other?.reference?.split('/')[1];
    if (!next) return pdsError('INVALIDATED_RESOURCE');
    patient = await engineRead(router, repo, next);
  }
  if (!patient || patient.active === false) return pdsError('RESOURCE_NOT_FOUND');
  delete patient.meta.lastUpdated; // the engine's bookkeeping; PDS sends versionId + security
  return { status: 200, body: patient, headers: { etag: `W/"${patient.meta.versionId}"` } };
}
