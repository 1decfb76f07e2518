import { describe, expect, it } from 'vitest';
import { decode83, encode83, encodeBlurhash } from './blurhash.js';

function solid(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set(rgb, i * 3);
  return pixels;
}

describe('blurhash', () => {
  it('round-trips base 83 numbers', () => {
    for (const value of [0, 1, 82, 83, 6888, 16_777_215]) expect(decode83(encode83(value, 4))).toBe(value);
  });

  it('encodes a 4×3 hash of 28 characters whose average colour is the image’s', () => {
    const hash = encodeBlurhash(solid(8, 6, [255, 0, 0]), 8, 6);
    expect(hash).toHaveLength(28);
    // First character: the component counts (3 + 2 × 9); characters 3–6: the DC colour.
    expect(decode83(hash.slice(0, 1))).toBe(3 + 2 * 9);
    expect(decode83(hash.slice(2, 6))).toBe(0xff0000);
  });

  it('gives a striped image more detail than a flat one', () => {
    // Character 2 is the quantised largest AC component.
    const flat = encodeBlurhash(solid(8, 8, [10, 120, 200]), 8, 8);

    const stripes = solid(8, 8, [0, 0, 0]);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 4; x++) stripes.set([255, 255, 255], (y * 8 + x) * 3);
    const striped = encodeBlurhash(stripes, 8, 8);
    expect(decode83(striped.slice(1, 2))).toBeGreaterThan(decode83(flat.slice(1, 2)));
  });

  it('refuses component counts outside 1–9', () => {
    expect(() => encodeBlurhash(solid(2, 2, [0, 0, 0]), 2, 2, 10, 3)).toThrow(RangeError);
  });
});
