import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/command.js';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe.each(DIALECTS)('roost users and roost tokens (%s)', (dialect) => {
  let server: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const target = server.ctx.config.database;
    env = {
      ROOST_DATABASE_URL: target.dialect === 'sqlite' ? target.file : target.url,
      ROOST_DATA_DIR: server.ctx.config.dataDir,
      ROOST_BASE_URL: server.url,
      ROOST_LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => server.close());

  async function roost(...argv: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from([]), env };
    const code = await main(argv, io);
    return { code, out, err };
  }

  it('creates a person without a password and prints the id and a working one-time sign-in link', async () => {
    const run = await roost(
      'users',
      'create',
      'jane',
      '--email',
      'Jane@Example.com',
      '--display-name',
      'Jane Doe',
    );
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toMatch(/^\d+$/);
    const match = new RegExp(
      `^One-time sign-in link for jane \\(valid 24 hours\\): ${server.url}/sign-in/link/(\\S+)$`,
    ).exec(run.out[1]!);
    expect(match).not.toBeNull();
    const res = await server.anonymous.post('/api/roost/v1/auth/link', { token: match![1] });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      id: run.out[0],
      username: 'jane',
      display_name: 'Jane Doe',
      roost: { email: 'jane@example.com', role: 'member' },
    });
  });

  it('creates an admin with a password, who can sign in at once', async () => {
    const run = await roost(
      'users',
      'create',
      'ops',
      '--email',
      'ops@example.com',
      '--password',
      'correct horse battery',
      '--admin',
    );
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^\d+$/)]);
    const res = await server.anonymous.post('/api/roost/v1/auth/sign_in', {
      login: 'ops',
      password: 'correct horse battery',
    });
    expect(res.status).toBe(200);
    expect(res.body.account.roost.role).toBe('admin');
  });

  it('refuses bad input with a one-line error and a non-zero exit, creating nobody', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['users', 'create', 'jane', '--email', 'other@example.com'],
        /^roost users: username: "jane" is already taken$/,
      ],
      [
        ['users', 'create', 'janet', '--email', 'JANE@example.com'],
        /^roost users: email: jane@example\.com already belongs to someone$/,
      ],
      [['users', 'create', 'bad name', '--email', 'b@example.com'], /^roost users: username: must be/],
      [
        ['users', 'create', 'nomail', '--email', 'not-an-email'],
        /^roost users: email: is not a valid email address$/,
      ],
      [
        ['users', 'create', 'shorty', '--email', 's@example.com', '--password', 'short'],
        /^roost users: password: must be at least 10/,
      ],
      [['users', 'create', 'nomail2'], /^roost users: --email is required$/],
      [['users', 'create'], /^roost users: missing <username>$/],
      [
        ['users', 'create', 'x', '--email', 'x@example.com', '--colour', 'red'],
        /^roost users: Unknown option '--colour'/,
      ],
      [['users', 'frobnicate'], /^roost users: unknown verb "frobnicate"/],
      [['users'], /^roost users: missing verb/],
    ];
    for (const [argv, message] of cases) {
      const run = await roost(...argv);
      expect(run.code, argv.join(' ')).toBeGreaterThan(0);
      expect(run.err, argv.join(' ')).toHaveLength(1);
      expect(run.err[0]).toMatch(message);
      expect(run.out).toEqual([]);
    }
    const people = await server.ctx.services.accounts.listPeople();
    expect(people.map((p) => p.username).sort()).toEqual(['jane', 'ops']);
  });

  it('lists people in a table', async () => {
    const run = await roost('users', 'list');
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/^ID\s+USERNAME\s+EMAIL\s+ROLE\s+CREATED$/);
    expect(run.out).toHaveLength(3);
    expect(run.out[1]).toMatch(/^\d+\s+jane\s+jane@example\.com\s+member\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(run.out[2]).toMatch(/^\d+\s+ops\s+ops@example\.com\s+admin\s+/);
  });

  it('issues a fresh sign-in link that retires the previous one', async () => {
    const first = await roost('users', 'link', 'ops');
    const second = await roost('users', 'link', 'OPS');
    expect(first.code + second.code).toBe(0);
    const token = (line: string) => line.split('/').pop()!;
    expect(
      (await server.anonymous.post('/api/roost/v1/auth/link', { token: token(first.out[0]!) })).status,
    ).toBe(404);
    expect(
      (await server.anonymous.post('/api/roost/v1/auth/link', { token: token(second.out[0]!) })).status,
    ).toBe(200);
    const unknown = await roost('users', 'link', 'nobody');
    expect(unknown).toMatchObject({ code: 1, err: ['roost users: no person called "nobody"'] });
  });

  it('creates a token printing only the token, with the scopes asked for', async () => {
    const run = await roost(
      'tokens',
      'create',
      'jane',
      '--scopes',
      'read:accounts read:statuses',
      '--name',
      'reader',
    );
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(1);
    expect(run.out[0]).toMatch(/^roost_[A-Za-z0-9_-]{40,}$/);
    const client = server.client(run.out[0]!);
    expect((await client.get('/api/v1/accounts/verify_credentials')).body.username).toBe('jane');
    expect((await client.post('/api/v1/accounts/1/follow')).status).toBe(403);

    const full = await roost('tokens', 'create', 'jane');
    const followed = await server.client(full.out[0]!).get('/api/v1/accounts/relationships?id[]=1');
    expect(followed.status).toBe(200);
  });

  it('refuses an unknown person or scope with a one-line error', async () => {
    const noUser = await roost('tokens', 'create', 'nobody');
    expect(noUser).toMatchObject({ code: 1, out: [], err: ['roost tokens: no person called "nobody"'] });
    const badScope = await roost('tokens', 'create', 'jane', '--scopes', 'read wrte:statuses');
    expect(badScope).toMatchObject({ code: 1, out: [] });
    expect(badScope.err).toEqual(['roost tokens: unknown scope "wrte:statuses" (see roost tokens --help)']);
  });

  it('lists and revokes tokens', async () => {
    const created = await roost('tokens', 'create', 'ops', '--name', 'to revoke');
    const list = await roost('tokens', 'list', 'ops');
    expect(list.code).toBe(0);
    expect(list.out[0]).toMatch(/^ID\s+NAME\s+SCOPES\s+CREATED\s+LAST USED$/);
    const row = list.out.find((l) => l.includes('to revoke'))!;
    expect(row).toMatch(/read write follow/);
    const id = row.split(/\s+/)[0]!;
    expect(await roost('tokens', 'revoke', id)).toMatchObject({ code: 0, out: [`revoked token ${id}`] });
    expect((await server.client(created.out[0]!).get('/api/v1/accounts/verify_credentials')).status).toBe(
      401,
    );
    expect((await roost('tokens', 'revoke', id)).code).toBe(1);
    expect((await roost('tokens', 'revoke', 'abc')).code).toBe(2);
  });

  it('explains each command with --help and examples', async () => {
    for (const name of ['users', 'tokens']) {
      const run = await roost(name, '--help');
      expect(run.code).toBe(0);
      expect(run.out[0]).toMatch(new RegExp(`^Usage: roost ${name} `));
      expect(run.out[0]).toContain('Examples:');
    }
    const usage = await roost('--help');
    expect(usage.out[0]).toMatch(/users\s+Create and list people/);
  });
});
