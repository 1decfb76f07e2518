/**
 * Media files under `<dataDir>/media/attachments`, each under a new random name. Names are checked
 * against a strict pattern before any file access, so a request can never reach outside the folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const FILE_PATTERN = /^[A-Za-z0-9_-]{16,64}\.(jpeg|png|webp|gif)$/;

export const MEDIA_CONTENT_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export class MediaStore {
  constructor(readonly directory: string) {}

  static isValidName(file: string): boolean {
    return FILE_PATTERN.test(file);
  }

  /** The Content-Type a stored name is served with (null for names that are not ours). */
  static contentTypeOf(file: string): string | null {
    const match = FILE_PATTERN.exec(file);
    return match ? MEDIA_CONTENT_TYPES[match[1]!]! : null;
  }

  async save(bytes: Buffer, extension: string): Promise<string> {
    await fs.mkdir(this.directory, { recursive: true });
    const file = `${randomBytes(18).toString('base64url')}.${extension}`;
    await fs.writeFile(path.join(this.directory, file), bytes, { flag: 'wx' });
    return file;
  }

  async remove(file: string): Promise<void> {
    if (!MediaStore.isValidName(file)) return;
    await fs.rm(path.join(this.directory, file), { force: true });
  }

  /** Stored files (names Roost could have made) with their modification times. */
  async list(): Promise<{ file: string; modifiedAt: number }[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch {
      return [];
    }
    const files: { file: string; modifiedAt: number }[] = [];
    for (const file of names.filter((name) => MediaStore.isValidName(name))) {
      try {
        files.push({ file, modifiedAt: (await fs.stat(path.join(this.directory, file))).mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
    return files;
  }

  /** The file's bytes, or null when the name is invalid or nothing is stored under it. */
  async read(file: string): Promise<Buffer | null> {
    if (!MediaStore.isValidName(file)) return null;
    try {
      return await fs.readFile(path.join(this.directory, file));
    } catch {
      return null;
    }
  }
}

export function mediaStoreFor(config: { dataDir: string }): MediaStore {
  return new MediaStore(path.join(config.dataDir, 'media', 'attachments'));
}
