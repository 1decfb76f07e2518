/** A bio as safe HTML: everything escaped, blank lines make paragraphs, single newlines make line breaks. */
import { escapeHtml } from '../../domain/text/escape.js';

export function renderBioHtml(note: string): string {
  const text = note.replace(/\r\n?/g, '\n').trim();
  if (!text) return '';
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.trim().split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}
