// Consent for first-party web applications: a browser that already holds the card's IdP session
// (Lanyard's web plugin hands it over) gets its code for the web EPR without any interaction.
// Going through the interaction would also cost the session: oidc-provider gives the session a
// new identifier whenever an interaction resumes, so the cookies Lanyard holds would work once.
// Lanyard's own client keeps its interaction (a new grant per card sign-in, with its role).
import { findClinician, rememberRole, selectRole } from './accounts.mjs';
import { WEB_EPR } from './clients.mjs';

const FIRST_PARTY_WEB = new Set([WEB_EPR]);

// The Provider's loadExistingGrant(ctx): oidc-provider's default, plus a new grant for a
// first-party web client when the session has signed someone in.
export async function loadExistingGrant(ctx) {
  const { client, session, params, provider, result } = ctx.oidc; // getters: no spreading
  const existing = result?.consent?.grantId ?? (FIRST_PARTY_WEB.has(client.clientId) ? undefined : session.grantIdFor(client.clientId));
  if (existing) return provider.Grant.find(existing);
  if (!FIRST_PARTY_WEB.has(client.clientId) || !session.accountId) return undefined;
  const clinician = findClinician(session.accountId);
  if (!clinician) return undefined;
  const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope(params.scope);
  const grantId = await grant.save();
  rememberRole(grantId, selectRole(clinician, params.selected_roleid));
  console.log(`signed in ${session.accountId} for ${client.clientId} (first-party, existing session)`);
  return grant;
}
