/**
 * Avatar files: an upload is checked to be an image, cropped to 400×400 and stored as WebP under
 * the data directory with a random name. Names are checked against a strict pattern before any
 * file access, so a request can never reach outside the avatars folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { AppError, ValidationError } from '../../domain/errors.js';

export const AVATAR_SIZE = 400;
/** Largest decoded image accepted, in pixels (a decompression bomb guard). */
export const AVATAR_MAX_PIXELS = 16_777_216;
const FILE_PATTERN = /^[A-Za-z0-9_-]{16,64}\.webp$/;
const FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif']);

export class AvatarStore {
  constructor(
    readonly directory: string,
    private readonly maxBytes: number,
  ) {}

  static isValidName(file: string): boolean {
    return FILE_PATTERN.test(file);
  }

  /** Checks and converts an upload; throws a 400 for anything that is not an image, 413 when too large. */
  async convert(upload: Buffer, field = 'avatar'): Promise<Buffer> {
    if (upload.length > this.maxBytes)
      throw new AppError('too_large', `${field}: the file is larger than ${this.maxBytes} bytes`, { field });
    let metadata: Metadata;
    try {
      // Reading the header decodes no pixels, so the size can be checked here with a clear message.
      metadata = await sharp(upload, { limitInputPixels: false }).metadata();
    } catch {
      throw new ValidationError(field, 'is not an image');
    }
    if (!metadata.format || !FORMATS.has(metadata.format) || !metadata.width || !metadata.height) {
      throw new ValidationError(field, 'is not a supported image (use PNG, JPEG, WebP or GIF)');
    }
    if (metadata.width * metadata.height > AVATAR_MAX_PIXELS) {
      throw new ValidationError(field, `has more than ${AVATAR_MAX_PIXELS} pixels`);
    }
    try {
      return await sharp(upload, { limitInputPixels: AVATAR_MAX_PIXELS })
        .rotate()
        .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' })
        .webp({ quality: 85 })
        .toBuffer();
    } catch {
      throw new ValidationError(field, 'could not be read as an image');
    }
  }

  /** Writes converted bytes under a new random name and returns the name. */
  async save(webp: Buffer): Promise<string> {
    await fs.mkdir(this.directory, { recursive: true });
    const file = `${randomBytes(18).toString('base64url')}.webp`;
    await fs.writeFile(path.join(this.directory, file), webp, { flag: 'wx' });
    return file;
  }

  async remove(file: string): Promise<void> {
    if (!AvatarStore.isValidName(file)) return;
    await fs.rm(path.join(this.directory, file), { force: true });
  }

  /** The file's bytes, or null when the name is invalid or nothing is stored under it. */
  async read(file: string): Promise<Buffer | null> {
    if (!AvatarStore.isValidName(file)) return null;
    try {
      return await fs.readFile(path.join(this.directory, file));
    } catch {
      return null;
    }
  }
}

/** The avatar store for a configuration: `<dataDir>/media/avatars`, uploads up to `uploadLimit` bytes. */
export function avatarStoreFor(config: { dataDir: string; uploadLimit: number }): AvatarStore {
  return new AvatarStore(path.join(config.dataDir, 'media', 'avatars'), config.uploadLimit);
}
