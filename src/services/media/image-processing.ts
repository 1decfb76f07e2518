/**
 * Turns an upload into what is stored: checks it is a JPEG, PNG, WebP or GIF within the size and
 * pixel limits, re-encodes it (which drops EXIF, GPS and every other metadata, after applying the
 * orientation), and makes a small WebP preview and a BlurHash.
 */
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../domain/errors.js';
import { encodeBlurhash } from './blurhash.js';

/** Largest decoded image accepted, in pixels (a decompression-bomb guard), as Mastodon's image_matrix_limit. */
export const MAX_PIXELS = 16_777_216;
/** Animated GIFs: all frames together may hold this many pixels. */
const MAX_ANIMATION_PIXELS = 4 * MAX_PIXELS;
export const PREVIEW_SIZE = 640;
const BLURHASH_SAMPLE = 32;

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export interface ProcessedImage {
  format: ImageFormat;
  contentType: string;
  original: Buffer;
  width: number;
  height: number;
  preview: Buffer;
  previewWidth: number;
  previewHeight: number;
  blurhash: string | null;
}

function unprocessable(message: string): AppError {
  return new AppError('unprocessable', `file: ${message}`, { field: 'file' });
}

export async function processImage(upload: Buffer, maxBytes: number): Promise<ProcessedImage> {
  if (upload.length > maxBytes) {
    throw new AppError('too_large', `file: the file is larger than ${maxBytes} bytes`, { field: 'file' });
  }
  if (upload.length === 0) throw unprocessable('is empty');
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so the limits can be checked with a clear message.
    metadata = await sharp(upload, { limitInputPixels: false, animated: true }).metadata();
  } catch {
    throw unprocessable('is not an image');
  }
  const format = metadata.format as string | undefined;
  if (!isSupported(format)) throw unprocessable('is not a supported image (use JPEG, PNG, WebP or GIF)');
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (!metadata.width || !frameHeight) throw unprocessable('is not an image');
  const frames = metadata.pages ?? 1;
  if (metadata.width * frameHeight > MAX_PIXELS) throw unprocessable(`has more than ${MAX_PIXELS} pixels`);
  if (metadata.width * frameHeight * frames > MAX_ANIMATION_PIXELS) {
    throw unprocessable(`has too many frames (more than ${MAX_ANIMATION_PIXELS} pixels in all)`);
  }
  const rotated = (metadata.orientation ?? 1) >= 5;
  const width = rotated ? frameHeight : metadata.width;
  const height = rotated ? metadata.width : frameHeight;
  try {
    const [original, preview, blurhash] = await Promise.all([
      reencode(upload, format, frames > 1),
      sharp(upload, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true }),
      blurhashOf(upload),
    ]);
    return {
      format,
      contentType: CONTENT_TYPES[format],
      original,
      width,
      height,
      preview: preview.data,
      previewWidth: preview.info.width,
      previewHeight: preview.info.height,
      blurhash,
    };
  } catch {
    throw unprocessable('could not be read as an image');
  }
}

function isSupported(format: string | undefined): format is ImageFormat {
  return format !== undefined && format in CONTENT_TYPES;
}

/** Same format, pixels only: sharp writes no metadata unless asked to. Animations keep every frame. */
function reencode(upload: Buffer, format: ImageFormat, animated: boolean): Promise<Buffer> {
  const source = sharp(upload, { limitInputPixels: animated ? MAX_ANIMATION_PIXELS : MAX_PIXELS, animated });
  // Animations carry no EXIF orientation, and sharp cannot rotate a multi-page image.
  const image = animated ? source : source.rotate();
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 90 }).toBuffer();
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp({ quality: 90 }).toBuffer();
    case 'gif':
      return image.gif().toBuffer();
  }
}

async function blurhashOf(upload: Buffer): Promise<string | null> {
  const { data, info } = await sharp(upload, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .resize(BLURHASH_SAMPLE, BLURHASH_SAMPLE, { fit: 'inside' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encodeBlurhash(data, info.width, info.height);
}
