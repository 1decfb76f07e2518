/** The `roost` command: dispatches to a verb, prints one-line errors and returns the exit code. */
import { ConfigError } from '../config.js';
import { AppError } from '../domain/errors.js';
import { CliError, type CliIO, type Command } from './command.js';
import { serveCommand } from './commands/serve.js';
import { migrateCommand } from './commands/migrate.js';
import { usersCommand } from './commands/users.js';
import { tokensCommand } from './commands/tokens.js';
import { demoCommand } from './commands/demo.js';
import { screenCommand } from './commands/screen.js';

const COMMANDS: Command[] = [serveCommand, migrateCommand, usersCommand, tokensCommand, demoCommand, screenCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: roost <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `roost <command> --help` for a command’s options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`roost: unknown command "${name}" (see roost --help)`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`roost ${name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      io.err(`roost ${name}: ${error.message}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`roost ${name}: ${message.split('\n')[0]}`);
    return 1;
  }
}

function processIO(): CliIO {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    stdin: process.stdin,
    env: process.env,
  };
}

export { COMMANDS };
