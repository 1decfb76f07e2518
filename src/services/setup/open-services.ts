/** The services over the configured database, for command-line verbs that work without the server. */
import { loadConfig, type Config } from '../../config.js';
import { migrateToLatest, openDatabase } from '../../db/open.js';
import { LocalEventBus } from '../../events/bus.js';
import { createServices, type Services } from '../index.js';

export interface OpenServices {
  config: Config;
  services: Services;
  close(): Promise<void>;
}

export async function openServices(env: Record<string, string | undefined>): Promise<OpenServices> {
  const config = loadConfig(env);
  const database = await openDatabase(config.database, { poolSize: 2 });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const events = new LocalEventBus();
  return {
    config,
    services: createServices(config, database, events),
    async close() {
      await events.close();
      await database.destroy();
    },
  };
}

/** Runs `fn` with the services and always closes the database afterwards. */
export async function withServices<T>(
  env: Record<string, string | undefined>,
  fn: (opened: OpenServices) => Promise<T>,
): Promise<T> {
  const opened = await openServices(env);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}
