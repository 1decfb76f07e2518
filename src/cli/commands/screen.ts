/**
 * `roost screen`: screens JSON lines from stdin with the screening engine and writes one JSON line
 * per input line, in order. Needs no database: the policy is the built-in default, optionally with
 * a policy file merged over it.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import {
  compilePolicy,
  defaultPolicy,
  mergePolicyOverrides,
  PolicyError,
  screenJsonLines,
  type Audience,
  type CompiledPolicy,
} from '../../screening/index.js';
import { CliError, parse, type Command } from '../command.js';

const HELP = `Usage: roost screen --audience internal|external [--policy FILE]

Screens posts the way Roost does before they are published. Reads JSON lines from stdin,
each {"id": <string or number>, "text": "<post>"}, and writes one JSON line per input line,
in the same order:
  {"id": ..., "action": "allow|warn|review|block", "findings": [{rule, category, action,
   message, start, end, excerpt, suggestion}]}
Offsets are UTF-16 indices into "text", end exclusive. A line that is not valid input is
answered with {"id": ..., "error": "..."} and the run goes on; blank lines are skipped.

Options:
  --audience internal|external   who the posts are for: staff (internal) or the public (external)
  --policy FILE                  JSON merged over the built-in policy: lists such as
                                 {"codenames": [...], "internalDomains": [...], "crisisTerms": [...],
                                  "blockedTerms": [...], "allowedTerms": [...], "rules": {...}},
                                 or a whole policy document (e.g. one exported from the admin page)

Example:
  echo '{"id":1,"text":"Falcon ships Friday, card 4111 1111 1111 1111"}' \\
    | roost screen --audience external --policy policy.json

Exit status: 0 when every line was answered (even with errors), 1 for an unreadable or invalid
policy file, 2 for a bad invocation. No database is needed.`;

const AUDIENCES: readonly Audience[] = ['internal', 'external'];

function audienceFrom(value: string | undefined): Audience {
  if (value === undefined) throw new CliError('--audience is required (internal or external)', 2);
  if (!(AUDIENCES as readonly string[]).includes(value)) {
    throw new CliError(`--audience must be internal or external, got "${value}"`, 2);
  }
  return value as Audience;
}

function loadPolicy(file: string | undefined): CompiledPolicy {
  if (file === undefined) return compilePolicy(defaultPolicy());
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`cannot read policy file ${file}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`policy file ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return compilePolicy(mergePolicyOverrides(defaultPolicy(), json));
  } catch (error) {
    if (error instanceof PolicyError) throw new CliError(`policy file ${file}: ${error.message}`);
    throw error;
  }
}

export const screenCommand: Command = {
  name: 'screen',
  summary: 'Screen JSON lines of posts from stdin (no database needed)',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, { audience: { type: 'string' }, policy: { type: 'string' } }, false);
    const audience = audienceFrom(values.audience);
    const policy = loadPolicy(values.policy);
    // readline decodes UTF-8 across chunk boundaries and splits on LF or CRLF.
    const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
    await screenJsonLines(lines, audience, policy, (line) => io.out(line));
    return 0;
  },
};
