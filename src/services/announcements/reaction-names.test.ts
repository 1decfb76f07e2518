import { describe, expect, it } from 'vitest';
import { isEmoji } from './reaction-names.js';

describe('reaction names', () => {
  it('accepts single emoji, with skin tones, joiners, flags and keycaps', () => {
    for (const name of ['👍', '🎉', '❤️', '👍🏽', '👩‍💻', '🇫🇷', '1️⃣', '🤔'])
      expect(isEmoji(name), name).toBe(true);
  });

  it('refuses words, shortcodes, several emoji and markup', () => {
    for (const name of ['ok', ':blobcat:', '👍👍', '', '<b>', '1', '👍 '])
      expect(isEmoji(name), name).toBe(false);
  });
});
