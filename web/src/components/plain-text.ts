/** Plain text from server-rendered HTML, for previews and titles (parsed inertly, never inserted). */
export function plainText(html: string, max = Infinity): string {
  const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>|<\/p><p>/gi, ' '), 'text/html');
  const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
