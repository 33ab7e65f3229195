// Clinician accounts (from the bed's clinicians.json), their CIS2-style claims and the role each
// grant selected.
import { readFileSync } from 'node:fs';

export const ACR = 'AAL3_ANY';
export const AMR = ['N3_SMARTCARD'];

// Scope -> claims, as the Provider's `claims` setting. ID token and userinfo differ by `use`
// in claimsFor() below; a claim reaches either only if a granted scope names it.
export const SCOPE_CLAIMS = {
  openid: ['sub', 'acr', 'amr', 'auth_time', 'sid', 'uid', 'id_assurance_level', 'authentication_assurance_level', 'selected_roleid'],
  profile: ['name', 'given_name', 'family_name', 'title'],
  email: ['email'],
  nhsperson: ['nhsid_useruid', 'name', 'given_name', 'family_name', 'title'],
  associatedorgs: ['nhsid_user_orgs'],
  organisationalmemberships: ['nhsid_user_orgs'],
  nationalrbacaccess: ['nhsid_nrbac_roles'],
  professionalmemberships: ['nhsid_professional_memberships'],
  selectedrole: ['selected_roleid'],
  offline_access: [],
};

const byUid = new Map();

export function loadClinicians(file) {
  const { clinicians } = JSON.parse(readFileSync(file, 'utf8'));
  for (const c of clinicians) byUid.set(c.uid, c);
  return byUid.size;
}

export const findClinician = (uid) => byUid.get(uid);

// grantId -> person_roleid chosen at sign-in (see selectRole). In memory, like everything else.
const selectedRoles = new Map();

// The role of a sign-in: the only one if there is one, else the one the authorization request
// named in `selected_roleid` if the clinician holds it, else none.
export function selectRole(clinician, requested) {
  const { roles } = clinician;
  if (roles.length === 1) return roles[0].person_roleid;
  return roles.find((r) => r.person_roleid === requested)?.person_roleid;
}

export function rememberRole(grantId, roleId) {
  if (roleId) selectedRoles.set(grantId, roleId);
  else selectedRoles.delete(grantId);
}

export const selectedRoleOf = (grantId) => selectedRoles.get(grantId);

function claimsFor(clinician, use, roleId) {
  const common = {
    sub: clinician.uid,
    name: `${clinician.given} ${clinician.family}`,
    given_name: clinician.given,
    family_name: clinician.family,
    email: clinician.email,
    selected_roleid: roleId,
  };
  if (use === 'id_token') {
    return {
      ...common,
      uid: clinician.uid,
      id_assurance_level: '3',
      authentication_assurance_level: '3',
    };
  }
  return {
    ...common,
    nhsid_useruid: clinician.uid,
    title: clinician.title,
    nhsid_user_orgs: clinician.orgs.map(({ org_code, org_name }) => ({ org_code, org_name })),
    nhsid_nrbac_roles: clinician.roles.map((r) => ({
      person_roleid: r.person_roleid,
      org_code: r.org_code,
      role_code: r.role_code,
      role_name: r.role_name,
      activity_codes: [...r.activity_codes],
    })),
    nhsid_professional_memberships: [],
  };
}

// The Provider's `findAccount(ctx, sub, token)`. `token` is the code, refresh or access token
// the claims are for; its grant tells the selected role.
export async function findAccount(ctx, sub, token) {
  const clinician = byUid.get(sub);
  if (!clinician) return undefined;
  const grantId = token?.grantId ?? ctx.oidc?.entities?.Grant?.jti;
  return {
    accountId: sub,
    claims: async (use) => claimsFor(clinician, use, selectedRoleOf(grantId)),
  };
}
