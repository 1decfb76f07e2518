import { describe, expect, it } from 'vitest';
import { linesFromChunks, screenJsonLines } from './json-lines.js';
import { testPolicy } from './test-helpers.js';

async function run(input: string[]): Promise<unknown[]> {
  const out: string[] = [];
  await screenJsonLines(input, 'external', testPolicy(), (line) => out.push(line));
  return out.map((line) => JSON.parse(line) as unknown);
}

describe('screenJsonLines', () => {
  it('answers every line in order, with findings', async () => {
    const out = await run([JSON.stringify({ id: 'a', text: 'hello team' }), JSON.stringify({ id: 'b', text: 'call 212-555-0143' })]);
    expect(out).toEqual([
      { id: 'a', action: 'allow', findings: [] },
      {
        id: 'b',
        action: 'review',
        findings: [expect.objectContaining({ rule: 'personal.phone', category: 'personal', start: 5, end: 17, excerpt: '212-555-0143' })],
      },
    ]);
  });

  it('reports bad lines and carries on; skips blank lines', async () => {
    const out = await run(['not json', '', '   ', '[1,2]', '{"text":"x"}', '{"id":"c"}', '{"id":"d","text":5}', '{"id":{},"text":"x"}', '{"id":"e","text":"ok"}']);
    expect(out).toEqual([
      { id: null, error: expect.stringMatching(/^invalid JSON/) },
      { id: null, error: expect.any(String) },
      { id: null, error: 'missing "id"' },
      { id: 'c', error: 'missing "text"' },
      { id: 'd', error: '"text" must be a string' },
      { id: null, error: '"id" must be a string or a number' },
      { id: 'e', action: 'allow', findings: [] },
    ]);
    for (const line of out) expect(JSON.stringify(line)).not.toContain('\n');
  });

  it('accepts items holding several lines and CRLF endings', async () => {
    const out = await run(['{"id":"1","text":"a"}\r\n{"id":"2","text":"b"}']);
    expect(out.map((o) => (o as { id: string }).id)).toEqual(['1', '2']);
  });

  it('re-chunks raw streams into lines', async () => {
    const lines: string[] = [];
    for await (const line of linesFromChunks(['{"id":"1",', '"text":"a"}\n{"id"', ':"2","text":"b"}'])) lines.push(line);
    expect(lines).toEqual(['{"id":"1","text":"a"}', '{"id":"2","text":"b"}']);
  });
});
