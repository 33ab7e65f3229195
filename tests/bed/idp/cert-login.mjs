// The interaction route (/interaction/:uid). It signs the clinician in from the TLS client
// certificate of the connection the request arrived on, and grants the native client's consent
// at once, so one pass of redirects ends at the redirect_uri with a code.
import { ACR, AMR, findClinician, rememberRole, selectRole } from './accounts.mjs';
import { sendError } from './pages.mjs';

// Who the card certificate on this socket belongs to, or why it can't sign anyone in.
function identify(socket) {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.subject) {
    return { status: 401, reason: 'NO_CLIENT_CERTIFICATE', description: 'no client certificate was presented' };
  }
  const who = cert.subject.CN ?? '(no CN)';
  if (!socket.authorized) {
    const reason = String(socket.authorizationError?.code ?? socket.authorizationError ?? 'CERT_NOT_AUTHORIZED');
    return { status: 401, reason, description: `client certificate of ${who} rejected: ${reason}` };
  }
  const clinician = findClinician(cert.subject.serialNumber);
  if (!clinician) {
    return { status: 403, reason: 'UNKNOWN_ACCOUNT', description: `no account for the certificate of ${who}` };
  }
  return { clinician };
}

// Claims named by the request's `claims` parameter (OIDC Core 5.5).
function requestedClaims(claimsParam) {
  if (!claimsParam) return [];
  const { id_token: idToken = {}, userinfo = {} } = JSON.parse(claimsParam);
  return [...new Set([...Object.keys(idToken), ...Object.keys(userinfo)])];
}

export async function certLogin(provider, req, res) {
  const { prompt, params, session } = await provider.interactionDetails(req, res);
  let accountId = session?.accountId;
  let login;
  if (prompt.name === 'login') {
    const { clinician, status, reason, description } = identify(req.socket);
    if (!clinician) {
      console.log(`login refused: ${description}`);
      sendError(req, res, status, { error: 'login_failed', reason, error_description: description });
      return;
    }
    accountId = clinician.uid;
    login = { accountId, acr: ACR, amr: AMR };
  } else if (prompt.name !== 'consent' || !accountId) {
    sendError(req, res, 400, { error: 'invalid_request', error_description: `unexpected prompt ${prompt.name}` });
    return;
  }

  // A new grant per sign-in, so that each sign-in's tokens carry its own selected role.
  const grant = new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  grant.addOIDCClaims(requestedClaims(params.claims));
  const grantId = await grant.save();
  rememberRole(grantId, selectRole(findClinician(accountId), params.selected_roleid));

  console.log(`signed in ${accountId} for ${params.client_id} (${prompt.name})`);
  const result = login ? { login, consent: { grantId } } : { consent: { grantId } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}
