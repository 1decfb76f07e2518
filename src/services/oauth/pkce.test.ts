import { describe, expect, it } from 'vitest';
import { isValidChallenge, s256, verifierMatches } from './pkce.js';

describe('PKCE S256', () => {
  // The example from RFC 7636, appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('matches the RFC example', () => {
    expect(s256(verifier)).toBe(challenge);
    expect(verifierMatches(verifier, challenge)).toBe(true);
  });

  it('refuses a wrong, short or malformed verifier', () => {
    expect(verifierMatches(verifier.replace('d', 'e'), challenge)).toBe(false);
    expect(verifierMatches('short', s256('short'))).toBe(false);
    expect(verifierMatches(`${verifier} `, challenge)).toBe(false);
  });

  it('accepts only 43-character base64url challenges', () => {
    expect(isValidChallenge(challenge)).toBe(true);
    expect(isValidChallenge(verifier.slice(0, 42))).toBe(false);
    expect(isValidChallenge('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM')).toBe(false);
  });
});
