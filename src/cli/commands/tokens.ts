/** `roost tokens`: bearer tokens for scripts, bots and apps, made from the command line. */
import { parseId } from '../../domain/ids.js';
import { splitScopes, unknownScopes } from '../../services/oauth/scopes.js';
import { withServices } from '../../services/setup/open-services.js';
import { CliError, parse, type CliIO, type Command } from '../command.js';
import { onlyPositional, printTable } from './users.js';

const DEFAULT_SCOPES = 'read write follow';

const HELP = `Usage: roost tokens <create|list|revoke> [options]

Bearer tokens act as a person through the API (Authorization: Bearer <token>), with the scopes
they were given. A token is shown once, when it is created; only its hash is stored.

  roost tokens create <username> [--scopes "<scope> …"] [--name <name>]
      Prints only the new token, so it can be captured by a script.
      Scopes use Mastodon's names, e.g. read, write, follow, push, admin:read, admin:write,
      read:statuses, write:statuses, read:accounts, write:follows… (default: "${DEFAULT_SCOPES}").

  roost tokens list <username>
      Prints the person's working tokens: id, name, scopes, created, last used.

  roost tokens revoke <id>
      Revokes a token by its id (from list).

Tokens survive password changes; revoke them one by one.

Examples:
  roost tokens create jane
  TOKEN=$(roost tokens create newsbot --scopes "read:statuses write:statuses" --name "news bot")
  curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/api/v1/accounts/verify_credentials
  roost tokens list newsbot
  roost tokens revoke 123456789`;

export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'Create, list and revoke API bearer tokens',
  help: HELP,
  async run(args, io) {
    const [verb, ...rest] = args;
    switch (verb) {
      case 'create':
        return createToken(rest, io);
      case 'list':
        return listTokens(rest, io);
      case 'revoke':
        return revokeToken(rest, io);
      case undefined:
        throw new CliError('missing verb: create, list or revoke (see roost tokens --help)', 2);
      default:
        throw new CliError(`unknown verb "${verb}": use create, list or revoke (see roost tokens --help)`, 2);
    }
  },
};

async function createToken(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { scopes: { type: 'string' }, name: { type: 'string' } });
  const username = onlyPositional(positionals, '<username>');
  const scopes = splitScopes(values.scopes ?? DEFAULT_SCOPES);
  const unknown = unknownScopes(scopes);
  if (unknown.length > 0)
    throw new CliError(`unknown scope ${unknown.map((s) => `"${s}"`).join(', ')} (see roost tokens --help)`);
  if (scopes.length === 0) throw new CliError('--scopes names no scope');
  const name = (values.name ?? 'roost tokens').slice(0, 100);
  return withServices(io.env, async ({ services }) => {
    const person = await services.accounts.personByUsername(username);
    if (!person) throw new CliError(`no person called "${username}"`);
    const { secret } = await services.credentials.createAccessToken(person.userId, { scopes, name });
    io.out(secret);
    return 0;
  });
}

async function listTokens(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parse(args, {});
  const username = onlyPositional(positionals, '<username>');
  return withServices(io.env, async ({ services }) => {
    const person = await services.accounts.personByUsername(username);
    if (!person) throw new CliError(`no person called "${username}"`);
    const date = (ms: number | null) =>
      ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    const tokens = await services.credentials.listAccessTokens(person.userId);
    const rows = [
      ['ID', 'NAME', 'SCOPES', 'CREATED', 'LAST USED'],
      ...tokens.map((t) => [
        String(t.id),
        t.name || '-',
        t.scopes.join(' '),
        date(t.createdAt),
        date(t.lastUsedAt),
      ]),
    ];
    printTable(io, rows);
    return 0;
  });
}

async function revokeToken(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parse(args, {});
  const id = parseId(onlyPositional(positionals, '<id>'));
  if (id === null) throw new CliError('<id> must be a token id (see roost tokens list)', 2);
  return withServices(io.env, async ({ services }) => {
    if (!(await services.credentials.revokeAccessToken(id)))
      throw new CliError(`no working token with id ${id}`);
    io.out(`revoked token ${id}`);
    return 0;
  });
}
