/**
 * BlurHash encoding (blurha.sh): a ~30-character string a client turns into a blurred placeholder
 * while the image loads. Pure code over raw RGB pixels; the algorithm is the published one.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

export function encode83(value: number, length: number): string {
  let result = '';
  for (let i = 1; i <= length; i++) {
    const digit = Math.floor(value / Math.pow(83, length - i)) % 83;
    result += ALPHABET[digit];
  }
  return result;
}

export function decode83(text: string): number {
  let value = 0;
  for (const char of text) value = value * 83 + ALPHABET.indexOf(char);
  return value;
}

function sRgbToLinear(value: number): number {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

function linearToSrgb(value: number): number {
  const v = Math.max(0, Math.min(1, value));
  return v <= 0.0031308
    ? Math.trunc(v * 12.92 * 255 + 0.5)
    : Math.trunc((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
}

function signPow(value: number, exponent: number): number {
  return Math.sign(value) * Math.pow(Math.abs(value), exponent);
}

/**
 * `pixels` holds `width * height` RGB triples (3 bytes each, row by row). `componentsX` and
 * `componentsY` (1–9) set the detail: 4×3 is what Mastodon uses.
 */
export function encodeBlurhash(
  pixels: Uint8Array,
  width: number,
  height: number,
  componentsX = 4,
  componentsY = 3,
): string {
  if (componentsX < 1 || componentsX > 9 || componentsY < 1 || componentsY > 9) {
    throw new RangeError('blurhash components must be between 1 and 9');
  }
  if (pixels.length < width * height * 3) throw new RangeError('not enough pixel data');
  // The cosines depend only on (component, coordinate): computing them once keeps this fast.
  const cosX = cosineTable(componentsX, width);
  const cosY = cosineTable(componentsY, height);
  const linear = new Float64Array(width * height * 3);
  for (let i = 0; i < linear.length; i++) linear[i] = sRgbToLinear(pixels[i]!);

  const factors: [number, number, number][] = [];
  for (let j = 0; j < componentsY; j++) {
    for (let i = 0; i < componentsX; i++) {
      const normalisation = i === 0 && j === 0 ? 1 : 2;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = 0; y < height; y++) {
        const cy = cosY[j * height + y]!;
        for (let x = 0; x < width; x++) {
          const basis = normalisation * cosX[i * width + x]! * cy;
          const offset = (y * width + x) * 3;
          r += basis * linear[offset]!;
          g += basis * linear[offset + 1]!;
          b += basis * linear[offset + 2]!;
        }
      }
      const scale = 1 / (width * height);
      factors.push([r * scale, g * scale, b * scale]);
    }
  }

  const [dc, ...ac] = factors as [[number, number, number], ...[number, number, number][]];
  let hash = encode83(componentsX - 1 + (componentsY - 1) * 9, 1);
  let maximum = 1;
  if (ac.length > 0) {
    const actualMaximum = Math.max(...ac.flat().map(Math.abs));
    const quantised = Math.max(0, Math.min(82, Math.floor(actualMaximum * 166 - 0.5)));
    maximum = (quantised + 1) / 166;
    hash += encode83(quantised, 1);
  } else {
    hash += encode83(0, 1);
  }
  hash += encode83((linearToSrgb(dc[0]) << 16) + (linearToSrgb(dc[1]) << 8) + linearToSrgb(dc[2]), 4);
  for (const factor of ac) hash += encode83(encodeAc(factor, maximum), 2);
  return hash;
}

function encodeAc([r, g, b]: [number, number, number], maximum: number): number {
  const quantise = (value: number) =>
    Math.max(0, Math.min(18, Math.floor(signPow(value / maximum, 0.5) * 9 + 9.5)));
  return quantise(r) * 19 * 19 + quantise(g) * 19 + quantise(b);
}

function cosineTable(components: number, size: number): Float64Array {
  const table = new Float64Array(components * size);
  for (let c = 0; c < components; c++) {
    for (let p = 0; p < size; p++) table[c * size + p] = Math.cos((Math.PI * c * p) / size);
  }
  return table;
}
