/** Starts a real Roost HTTP server on loopback for a test file, on a database of its own. */
import { loadConfig, type Config } from '../../src/config.js';
import type { DialectName } from '../../src/db/dialect.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './dialects.js';
import { ApiClient } from './api-client.js';

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** An unauthenticated client; `client(token)` makes an authenticated one. */
  anonymous: ApiClient;
  client(token: string): ApiClient;
}

/**
 * Pass `shared` to start another process-like server on a database an earlier one created (the
 * first server owns and drops it).
 */
export async function startTestServer(
  dialect: DialectName,
  env: Record<string, string> = {},
  shared?: TestDatabase,
): Promise<TestServer> {
  const database = shared ?? (await createTestDatabase(dialect));
  // Rate limits are raised far out of reach unless a test asks for them (tests/rate-limits.test.ts).
  const base = loadConfig({
    ROOST_DATA_DIR: database.dataDir,
    ROOST_LOG_LEVEL: 'silent',
    ROOST_RATE_LIMIT_SCALE: '1000',
    ...env,
  });
  const config: Config = { ...base, database: database.target, host: '127.0.0.1', port: 0 };
  const server = await startServer(config);
  // The base URL must name the real port so that links and Link headers point back here.
  server.ctx.config.baseUrl = server.url;
  return {
    ...server,
    database,
    anonymous: new ApiClient(server.url),
    client: (token: string) => new ApiClient(server.url, token),
    async close() {
      await server.close();
      if (!shared) await database.drop();
    },
  };
}
