// The `roost screen` contract: JSON lines in (`{"id","text"}`), JSON lines out in the same
// order (`{"id","action","findings"}`), a bad line answered with `{"id","error"}` without
// stopping the run, blank lines skipped.
import type { CompiledPolicy } from './compile.js';
import { screen } from './screen.js';
import type { Audience } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Screens one input line and returns the output line (without a newline), or undefined for a blank line. */
export function screenJsonLine(line: string, audience: Audience, policy: CompiledPolicy): string | undefined {
  if (line.trim().length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unparseable';
    return JSON.stringify({ id: null, error: `invalid JSON: ${reason}` });
  }
  if (!isRecord(parsed)) return JSON.stringify({ id: null, error: 'each line must be a JSON object with "id" and "text"' });
  const rawId = parsed.id;
  const id = typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId)) ? rawId : null;
  if (id === null) {
    const why = rawId === undefined ? 'missing "id"' : '"id" must be a string or a number';
    return JSON.stringify({ id: null, error: why });
  }
  if (typeof parsed.text !== 'string') {
    return JSON.stringify({ id, error: parsed.text === undefined ? 'missing "text"' : '"text" must be a string' });
  }
  const result = screen(parsed.text, audience, policy);
  return JSON.stringify({ id, action: result.action, findings: result.findings });
}

/**
 * Re-chunks a raw text stream (e.g. `process.stdin` with utf8 encoding) into lines, whatever
 * the chunk boundaries. Not needed for readline, which already yields lines.
 */
export async function* linesFromChunks(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      yield pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending.length > 0) yield pending;
}

/**
 * Screens a stream of JSON lines. Each input item is a line (readline's interface, an array);
 * an item holding newlines counts as several lines, and a trailing CR is ignored. For raw
 * chunks use linesFromChunks. `write` receives each output line WITHOUT a trailing newline.
 * Resolves to the number of lines answered.
 */
export async function screenJsonLines(
  input: AsyncIterable<string> | Iterable<string>,
  audience: Audience,
  policy: CompiledPolicy,
  write: (line: string) => void,
): Promise<number> {
  let answered = 0;
  for await (const item of input) {
    for (const raw of item.includes('\n') ? item.split('\n') : [item]) {
      const out = screenJsonLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, audience, policy);
      if (out === undefined) continue;
      write(out);
      answered++;
    }
  }
  return answered;
}
