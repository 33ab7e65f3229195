// PDS OperationOutcomes, built from NHS's own example files (tests/data/pds) so bodies match PDS.
// pdsError(NAME, {diagnostics, value}) -> {status, body}; `value` replaces the quoted value in
// the example's diagnostics ("Invalid value - '1234' in header 'X-Request-ID'").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SPINE = 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode';

// name -> [HTTP status, example file under the data dir]
const FROM_FILES = {
  MISSING_AUTHORIZATION: [401, 'functional-test-responses/missing_authorization_header.json'],
  INVALID_ACCESS_TOKEN: [401, 'functional-test-responses/invalid_access_token.json'],
  MISSING_X_REQUEST_ID: [400, 'functional-test-responses/missing_x-request_id.json'],
  INVALID_X_REQUEST_ID: [400, 'functional-test-responses/invalid_x-request_id.json'],
  MISSING_URID: [400, 'functional-test-responses/missing_urid_header.json'],
  INVALID_URID: [400, 'functional-test-responses/invalid_urid_header.json'],
  ACCESS_DENIED: [401, 'karate-stubs/errorResponses/ACCESS_DENIED.json'],
  INVALID_RESOURCE_ID: [400, 'karate-stubs/errorResponses/INVALID_RESOURCE_ID.json'],
  RESOURCE_NOT_FOUND: [404, 'karate-stubs/errorResponses/RESOURCE_NOT_FOUND.json'],
  INVALIDATED_RESOURCE: [404, 'karate-stubs/errorResponses/INVALIDATED_RESOURCE.json'],
  INVALID_SEARCH_DATA: [400, 'karate-stubs/errorResponses/INVALID_SEARCH_DATA.json'],
  INVALID_VALUE: [400, 'karate-stubs/errorResponses/INVALID_VALUE.json'],
  MISSING_VALUE: [400, 'karate-stubs/errorResponses/MISSING_VALUE.json'],
  UNSUPPORTED_SERVICE: [400, 'karate-stubs/errorResponses/UNSUPPORTED_SERVICE.json'],
  TOO_MANY_MATCHES: [200, 'karate-stubs/searchResponses/TOO_MANY_MATCHES.json'], // PDS: HTTP 200
};

// Codes the example files lack, in the same shape (the bed's own wording).
function spineOutcome(issueCode, spineCode, display) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{
      severity: 'error',
      code: issueCode,
      details: { coding: [{ system: SPINE, version: '1', code: spineCode, display }] },
    }],
  };
}
const BUILT_IN = {
  ADDITIONAL_PROPERTIES: [400, spineOutcome('invariant', 'ADDITIONAL_PROPERTIES', 'Additional properties should not be included')],
  TOO_MANY_REQUESTS: [429, spineOutcome('throttled', 'TOO_MANY_REQUESTS', 'You have exceeded your application\'s rate limit')],
  SERVER_ERROR: [500, spineOutcome('exception', 'SERVER_ERROR', 'Unexpected internal server error')],
  SERVICE_UNAVAILABLE: [503, spineOutcome('transient', 'SERVICE_UNAVAILABLE', 'Service unavailable')],
  NOT_FOUND: [404, spineOutcome('not-found', 'NOT_FOUND', 'Not found')],
};

const templates = {};

export function loadErrorTemplates(dataDir) {
  for (const [name, [status, file]] of Object.entries(FROM_FILES)) {
    templates[name] = [status, JSON.parse(readFileSync(join(dataDir, file), 'utf8'))];
  }
  Object.assign(templates, BUILT_IN);
}

export function pdsError(name, { diagnostics, value, display, status } = {}) {
  const template = templates[name];
  if (!template) throw new Error(`unknown PDS error ${name}`);
  const body = structuredClone(template[1]);
  const issue = body.issue[0];
  const coding = issue.details.coding[0];
  if (display !== undefined) coding.display = display;
  else if (coding.display === '#(display)') coding.display = 'Access Denied - Unauthorised';
  if (diagnostics !== undefined) issue.diagnostics = diagnostics;
  else if (value !== undefined && issue.diagnostics) {
    const shown = String(value).slice(0, 200);
    issue.diagnostics = issue.diagnostics.replace(/'[^']*'/, () => `'${shown}'`);
  }
  if (issue.diagnostics === '#(diagnostics)') delete issue.diagnostics;
  return { status: status ?? template[0], body };
}
