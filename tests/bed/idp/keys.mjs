// The IdP's signing keys (RS256). The first key signs; the others only stay in the JWKS.
import { generateKeyPairSync, randomUUID } from 'node:crypto';

let keys = [];

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

// Makes a new signing key; the previous ones are dropped unless `keep`.
export function rotate({ keep = false } = {}) {
  keys = [newKey(), ...(keep ? keys : [])];
  return keys[0].kid;
}

export const privateJwks = () => ({ keys: keys.map((k) => ({ ...k })) });
export const signingKey = () => keys[0];
