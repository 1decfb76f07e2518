// Joke and sales-pitch markers, read on the original text (emoji and "% off" do not survive
// normalisation). They only matter once a sensitive topic or crisis term is present, so they
// run rarely and stay plain regular expressions.
import contextData from './data/context.json' with { type: 'json' };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entries holding a backslash are regular expressions; a trailing `*` matches a word ending. */
function markerSource(entry: string): string {
  if (entry.includes('\\')) return `\\b${entry}\\b`;
  const open = entry.endsWith('*');
  const body = escape(open ? entry.slice(0, -1) : entry).replace(/ /g, '\\s+');
  const wordish = /^[\p{L}\p{N}]/u.test(entry);
  return `${wordish ? '\\b' : ''}${body}${open ? '\\w*' : wordish && /[\p{L}\p{N}]$/u.test(entry) ? '\\b' : ''}`;
}

function compileMarkers(entries: readonly string[]): RegExp {
  return new RegExp(entries.map(markerSource).join('|'), 'iu');
}

const JOKE = compileMarkers(contextData.jokeMarkers);
const SALES = compileMarkers(contextData.salesMarkers);

export interface ToneMarker {
  kind: 'joke' | 'sales';
  text: string;
}

/** The first joke marker, else the first sales marker, in the post. */
export function findToneMarker(text: string): ToneMarker | undefined {
  const joke = JOKE.exec(text);
  if (joke) return { kind: 'joke', text: joke[0] };
  const sales = SALES.exec(text);
  if (sales) return { kind: 'sales', text: sales[0] };
  return undefined;
}
