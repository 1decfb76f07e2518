import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, ValidationError } from '../../domain/errors.js';
import { AVATAR_MAX_PIXELS, AvatarStore } from './avatar-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-avatars-'));
const store = new AvatarStore(path.join(dir, 'avatars'), 2_000_000);

function solid(width: number, height: number, format: 'png' | 'jpeg' | 'gif' = 'png'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .toFormat(format)
    .toBuffer();
}

describe('AvatarStore', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('crops any supported image to a 400×400 WebP', async () => {
    for (const format of ['png', 'jpeg', 'gif'] as const) {
      const meta = await sharp(await store.convert(await solid(900, 300, format))).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 400, 400]);
    }
  });

  it('refuses what is not an image, too many bytes, or too many pixels', async () => {
    await expect(store.convert(Buffer.from('<svg onload="x"></svg>'))).rejects.toThrow(ValidationError);
    await expect(store.convert(Buffer.from('plain text'))).rejects.toThrow(/^avatar: /);
    const small = new AvatarStore(dir, 100);
    await expect(small.convert(await solid(50, 50))).rejects.toMatchObject({
      code: 'too_large',
    } satisfies Partial<AppError>);
    const side = Math.ceil(Math.sqrt(AVATAR_MAX_PIXELS)) + 1;
    await expect(store.convert(await solid(side, side))).rejects.toThrow(/pixels/);
  });

  it('saves under random names and reads back only names it could have made', async () => {
    const bytes = await store.convert(await solid(10, 10));
    const name = await store.save(bytes);
    expect(AvatarStore.isValidName(name)).toBe(true);
    expect(await store.read(name)).toEqual(bytes);
    expect(await store.save(bytes)).not.toBe(name);
    for (const bad of ['../avatars/' + name, name.replace('.webp', '.png'), 'a.webp', `${name}/`, '']) {
      expect(await store.read(bad)).toBeNull();
    }
    await store.remove(name);
    expect(await store.read(name)).toBeNull();
  });
});
