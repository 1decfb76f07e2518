/** What every `roost` verb is: a name, a help text, and a run function returning an exit code. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** A bad invocation or input: printed as one line, exit status 1 (2 for usage errors). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** parseArgs with strict checking, turning its errors into one-line CliErrors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]!, 2);
  }
}
