/**
 * `roost screen`: JSON lines in, JSON lines out in the same order, with the built-in policy or a
 * policy file merged over it; bad lines answered without stopping; no database needed. Called
 * through main() with a fake stdin, and once as a real process with piped stdin.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/command.js';
import { main } from '../src/cli/main.js';
import { defaultPolicy } from '../src/screening/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CARD = '4111 1111 1111 1111';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function roost(argv: string[], input: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  // Each item is a chunk of stdin, as a pipe delivers it.
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(input), env };
  const code = await main(argv, io);
  return { code, out, err };
}

function parsed(run: Run): any[] {
  return run.out.map((line) => JSON.parse(line));
}

describe('roost screen', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-screen-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: string): string {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content);
    return target;
  }

  it('answers every line in order, by audience', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'Lunch at noon?' }),
      JSON.stringify({ id: 2, text: `Refund to ${CARD}` }),
      JSON.stringify({ id: 'c', text: 'See https://wiki.corp.example.com/x' }),
    ];
    // Chunks that split lines anywhere still make whole lines.
    const joined = `${lines.join('\n')}\n`;
    const chunks = [joined.slice(0, 7), joined.slice(7, 40), joined.slice(40)];
    const run = await roost(['screen', '--audience', 'external'], chunks);
    expect(run).toMatchObject({ code: 0, err: [] });
    const results = parsed(run);
    expect(results.map((r) => r.id)).toEqual(['a', 2, 'c']);
    expect(results[0]).toEqual({ id: 'a', action: 'allow', findings: [] });
    expect(results[1].action).toBe('block');
    const finding = results[1].findings[0];
    expect(finding).toMatchObject({ rule: 'personal.card', excerpt: CARD });
    expect(`Refund to ${CARD}`.slice(finding.start, finding.end)).toBe(CARD);
  });

  it('merges a policy file of lists over the defaults', async () => {
    const policy = file(
      'lists.json',
      JSON.stringify({
        codenames: ['Bluejay'],
        internalDomains: ['corp.example.com'],
        crisisTerms: ['Hurricane Delia'],
        blockedTerms: ['synergy'],
      }),
    );
    const input = [
      JSON.stringify({ id: 1, text: 'Bluejay launches Friday' }),
      JSON.stringify({ id: 2, text: 'See https://wiki.corp.example.com/x' }),
      JSON.stringify({ id: 3, text: 'Pure synergy' }),
      JSON.stringify({ id: 4, text: 'Thoughts with everyone in Hurricane Delia' }),
    ].map((line) => `${line}\n`);
    const external = parsed(await roost(['screen', '--audience', 'external', '--policy', policy], input));
    expect(external.map((r) => [r.id, r.action, r.findings.map((f: any) => f.rule).at(-1)])).toEqual([
      [1, 'block', 'confidential.codename'],
      [2, 'block', 'links.internal'],
      [3, 'block', 'confidential.blocked-term'],
      [4, 'review', 'crisis.term'],
    ]);
    const internal = parsed(await roost(['screen', '--audience', 'internal', '--policy', policy], input));
    expect(internal.map((r) => r.action)).toEqual(['allow', 'allow', 'block', 'allow']);
  });

  it('accepts a whole policy document, such as an export from the admin page', async () => {
    const doc = defaultPolicy();
    doc.lists.codenames = ['Osprey'];
    doc.rules.internal['confidential.codename'] = 'warn';
    const policy = file('full.json', JSON.stringify(doc));
    const run = await roost(
      ['screen', '--audience', 'internal', '--policy', policy],
      [`${JSON.stringify({ id: 1, text: 'Osprey is late' })}\n`],
    );
    expect(parsed(run)[0]).toMatchObject({
      action: 'warn',
      findings: [{ rule: 'confidential.codename', excerpt: 'Osprey' }],
    });
  });

  it('answers a bad line with an error for that id and goes on', async () => {
    const run = await roost(
      ['screen', '--audience', 'internal'],
      [
        '{"id":1,"text":"fine"}\n',
        'not json\n',
        '\n',
        '{"id":2}\n',
        '{"id":3,"text":42}\n',
        '["array"]\n',
        `{"id":4,"text":"card ${CARD}"}\r\n`,
      ],
    );
    expect(run.code).toBe(0);
    const results = parsed(run);
    expect(results).toHaveLength(6);
    expect(results[0]).toEqual({ id: 1, action: 'allow', findings: [] });
    expect(results[1]).toMatchObject({ id: null, error: expect.stringMatching(/^invalid JSON/) });
    expect(results[2]).toEqual({ id: 2, error: 'missing "text"' });
    expect(results[3]).toEqual({ id: 3, error: '"text" must be a string' });
    expect(results[4]).toMatchObject({ id: null, error: expect.any(String) });
    expect(results[5]).toMatchObject({ id: 4, action: 'block' });
  });

  it('refuses a missing or unknown audience and a bad policy file with one line and a non-zero status', async () => {
    const cases: [string[], RegExp][] = [
      [['screen'], /--audience is required/],
      [['screen', '--audience', 'everyone'], /--audience must be internal or external, got "everyone"/],
      [['screen', '--audience'], /audience/],
      [
        ['screen', '--audience', 'internal', '--policy', path.join(dir, 'missing.json')],
        /cannot read policy file .*missing\.json: no such file/,
      ],
      [
        ['screen', '--audience', 'internal', '--policy', file('broken.json', '{"codenames": [')],
        /is not valid JSON/,
      ],
      [
        ['screen', '--audience', 'internal', '--policy', file('wrong.json', '{"codenames": "Bluejay"}')],
        /lists\.codenames: must be an array of strings/,
      ],
      [
        [
          'screen',
          '--audience',
          'internal',
          '--policy',
          file('rule.json', '{"rules": {"internal": {"personal.card": "shrug"}}}'),
        ],
        /rules\.internal\.personal\.card/,
      ],
      [['screen', '--audience', 'internal', '--colour'], /colour/],
    ];
    for (const [argv, message] of cases) {
      const run = await roost(argv, ['{"id":1,"text":"x"}']);
      expect(run.code, argv.join(' ')).not.toBe(0);
      expect(run.out).toEqual([]);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^roost screen: /);
      expect(run.err[0]).toMatch(message);
    }
  });

  it('explains itself with an example', async () => {
    const run = await roost(['screen', '--help']);
    expect(run.code).toBe(0);
    const help = run.out.join('\n');
    expect(help).toContain('--audience internal|external');
    expect(help).toContain('--policy FILE');
    expect(help).toMatch(/Example:\n\s+echo '\{"id":1/);
    const summary = await roost(['--help']);
    expect(summary.out.join('\n')).toMatch(/screen\s+Screen JSON lines/);
  });

  it('runs as a real process with piped stdin and no data directory', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-screen-cwd-'));
    const env = { ...process.env };
    delete env.ROOST_DATA_DIR;
    delete env.ROOST_DATABASE_URL;
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/roost.mjs'), 'screen', '--audience', 'external'],
      {
        cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Multi-byte characters written one byte at a time must survive.
    const bytes = Buffer.from(`{"id":"é","text":"Café card ${CARD} 🎉"}\n{"id":2,"text":"hello"}\n`, 'utf8');
    for (const byte of bytes.subarray(0, 30)) child.stdin.write(Buffer.from([byte]));
    child.stdin.end(bytes.subarray(30));
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.action])).toEqual([
      ['é', 'block'],
      [2, 'allow'],
    ]);
    expect(lines[0].findings[0].excerpt).toBe(CARD);
    expect(fs.readdirSync(cwd)).toEqual([]);
    fs.rmSync(cwd, { recursive: true, force: true });
  }, 30_000);
});
