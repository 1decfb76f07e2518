import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode } from './base32.js';
import { hotp, otpauthUri, totp, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 SHA-1 test vectors (last six digits of the eight-digit values)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, expected] of vectors) {
      expect(totp(SEED, seconds * 1000)).toBe(expected.slice(2));
      expect(hotp(Buffer.from('12345678901234567890'), Math.floor(seconds / 30), 8)).toBe(expected);
    }
  });

  it('matches the RFC 4226 HOTP test vectors', () => {
    const key = Buffer.from('12345678901234567890');
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expected.forEach((code, counter) => expect(hotp(key, counter)).toBe(code));
  });

  it('accepts one step of drift either side and nothing further', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(SEED, totp(SEED, now), now)).toBe(step);
    expect(verifyTotp(SEED, totp(SEED, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(SEED, totp(SEED, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(SEED, totp(SEED, now - 60_000), now)).toBeNull();
    expect(verifyTotp(SEED, totp(SEED, now + 60_000), now)).toBeNull();
    expect(verifyTotp(SEED, 'abcdef', now)).toBeNull();
    expect(verifyTotp(SEED, '12345', now)).toBeNull();
  });

  it('round-trips base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'jane', 'Roost');
    expect(uri).toBe(
      'otpauth://totp/Roost:jane?secret=JBSWY3DPEHPK3PXP&issuer=Roost&algorithm=SHA1&digits=6&period=30',
    );
  });
});
