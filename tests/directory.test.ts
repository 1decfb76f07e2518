import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('directory (%s)', (dialect) => {
  let server: TestServer;
  let viewer: TestPerson;
  let salesId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    viewer = await createPerson(server, { username: 'viewer', role: 'admin', displayName: 'The Viewer' });
    await createPerson(server, {
      username: 'alice',
      displayName: 'Alice Anders',
      departmentName: 'Sales',
      title: 'Account Executive',
    });
    await createPerson(server, {
      username: 'bob',
      displayName: 'Bob Brown',
      departmentName: 'Sales',
      title: 'Sales Engineer',
    });
    await createPerson(server, {
      username: 'carol',
      displayName: 'Carol Chen',
      departmentName: 'Engineering',
      title: 'Engineer',
    });
    await createPerson(server, {
      username: 'dan_100',
      displayName: '100% Dan',
      departmentName: 'Engineering',
      title: 'Intern',
    });
    salesId = (await server.ctx.services.accounts.departmentByName('Sales'))!.id.toString();
  });
  afterAll(() => server.close());

  const names = (body: Array<{ username: string }>) => body.map((a) => a.username);

  it('lists people alphabetically by username, with offset and limit', async () => {
    const all = await viewer.client.get('/api/roost/v1/directory');
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual(['alice', 'bob', 'carol', 'dan_100', 'viewer']);
    expect(all.body[0].roost.department.name).toBe('Sales');
    const page = await viewer.client.get('/api/roost/v1/directory?limit=2&offset=2');
    expect(names(page.body)).toEqual(['carol', 'dan_100']);
  });

  it('searches username, display name and title, case-insensitively', async () => {
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=ALI')).body)).toEqual(['alice']);
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=brown')).body)).toEqual(['bob']);
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=engineer')).body)).toEqual([
      'bob',
      'carol',
    ]);
  });

  it('treats % and _ in the query as plain characters', async () => {
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=%25')).body)).toEqual(['dan_100']);
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=_')).body)).toEqual(['dan_100']);
  });

  it('filters by department, alone or with a query', async () => {
    expect(names((await viewer.client.get(`/api/roost/v1/directory?department_id=${salesId}`)).body)).toEqual(
      ['alice', 'bob'],
    );
    expect(
      names((await viewer.client.get(`/api/roost/v1/directory?department_id=${salesId}&q=engineer`)).body),
    ).toEqual(['bob']);
    const bad = await viewer.client.get('/api/roost/v1/directory?department_id=sales');
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('department_id');
  });

  it('leaves suspended people out and needs a signed-in viewer', async () => {
    const gone = await createPerson(server, { username: 'alicia' });
    await server.ctx.services.accounts.adminUpdate(gone.accountId, { suspended: true });
    expect(names((await viewer.client.get('/api/roost/v1/directory?q=ali')).body)).toEqual(['alice']);
    expect((await server.anonymous.get('/api/roost/v1/directory')).status).toBe(401);
    const bad = await viewer.client.get('/api/roost/v1/directory?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('limit');
  });
});
