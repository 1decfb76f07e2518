/** `roost users`: create people, list them, and issue one-time sign-in links from the command line. */
import { withServices } from '../../services/setup/open-services.js';
import { CliError, parse, type CliIO, type Command } from '../command.js';

const HELP = `Usage: roost users <create|list|link> [options]

Manage the people who can sign in, without the web app.

  roost users create <username> --email <email> [--password <password>] [--admin] [--display-name <name>]
      Creates a person and prints their account id. Without --password, also prints a one-time
      sign-in link (valid 24 hours) with which they sign in and choose a password.
      Usernames are 1–30 letters, digits or underscores; passwords 10–200 characters.

  roost users list
      Prints every person: id, username, email, role and when they were created.

  roost users link <username>
      Prints a fresh one-time sign-in link for a person (e.g. an admin who lost their password).
      Any earlier unused link for them stops working.

The database is the one named by ROOST_DATABASE_URL (default: SQLite under ROOST_DATA_DIR);
links use ROOST_BASE_URL.

Examples:
  roost users create jane --email jane@example.com --display-name "Jane Doe"
  roost users create ops --email ops@example.com --password 'correct horse battery' --admin
  roost users list
  roost users link admin`;

export const usersCommand: Command = {
  name: 'users',
  summary: 'Create and list people; issue one-time sign-in links',
  help: HELP,
  async run(args, io) {
    const [verb, ...rest] = args;
    switch (verb) {
      case 'create':
        return createUser(rest, io);
      case 'list':
        return listUsers(rest, io);
      case 'link':
        return signInLink(rest, io);
      case undefined:
        throw new CliError('missing verb: create, list or link (see roost users --help)', 2);
      default:
        throw new CliError(`unknown verb "${verb}": use create, list or link (see roost users --help)`, 2);
    }
  },
};

async function createUser(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    email: { type: 'string' },
    password: { type: 'string' },
    admin: { type: 'boolean' },
    'display-name': { type: 'string' },
  });
  const username = onlyPositional(positionals, '<username>');
  if (!values.email) throw new CliError('--email is required', 2);
  const email = values.email;
  return withServices(io.env, async ({ services, config }) => {
    const { accountId, userId } = await services.accounts.createPerson({
      username,
      email,
      password: values.password ?? null,
      role: values.admin ? 'admin' : 'member',
      displayName: values['display-name'] ?? '',
    });
    io.out(String(accountId));
    if (values.password === undefined) {
      const secret = await services.credentials.createSignInLink(userId);
      io.out(
        `One-time sign-in link for ${username} (valid 24 hours): ${config.baseUrl}/sign-in/link/${secret}`,
      );
    }
    return 0;
  });
}

async function listUsers(args: string[], io: CliIO): Promise<number> {
  parse(args, {}, false);
  return withServices(io.env, async ({ services }) => {
    const people = await services.accounts.listPeople();
    const rows = [
      ['ID', 'USERNAME', 'EMAIL', 'ROLE', 'CREATED'],
      ...people.map((p) => [
        String(p.accountId),
        p.username,
        p.email,
        p.role,
        new Date(p.createdAt).toISOString().slice(0, 16).replace('T', ' '),
      ]),
    ];
    printTable(io, rows);
    return 0;
  });
}

async function signInLink(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parse(args, {});
  const username = onlyPositional(positionals, '<username>');
  return withServices(io.env, async ({ services, config }) => {
    const person = await services.accounts.personByUsername(username);
    if (!person) throw new CliError(`no person called "${username}"`);
    const secret = await services.credentials.createSignInLink(person.userId);
    io.out(`${config.baseUrl}/sign-in/link/${secret}`);
    return 0;
  });
}

/** Prints rows as left-aligned columns; the first row is the header. */
export function printTable(io: CliIO, rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    io.out(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
}

/** Exactly one positional argument, or a usage error naming it. */
export function onlyPositional(positionals: string[], name: string): string {
  if (positionals.length === 0) throw new CliError(`missing ${name}`, 2);
  if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`, 2);
  return positionals[0]!;
}
