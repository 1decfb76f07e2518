/** The AppContext: configuration, infrastructure and services, built in one place for one process. */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { migrateToLatest, openDatabase } from './db/open.js';
import { LocalEventBus, type EventBus } from './events/bus.js';
import { RedisEventBus } from './events/redis-bus.js';
import { JobQueue } from './jobs/queue.js';
import { registerJobs } from './jobs/registry.js';
import { createServices, type Services } from './services/index.js';
import { registerBrandJobs } from './services/brands/brand-services.js';

export interface AppContext {
  config: Config;
  database: Database;
  events: EventBus;
  jobs: JobQueue;
  log: Logger;
  services: Services;
  close(): Promise<void>;
}

export async function createContext(config: Config, options: { migrate?: boolean } = {}): Promise<AppContext> {
  const log = pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
  });
  const database = await openDatabase(config.database);
  if (options.migrate !== false) {
    const applied = await migrateToLatest(database);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  }
  const events = config.redisUrl ? await connectRedisBus(config.redisUrl) : new LocalEventBus();
  const jobs = new JobQueue(database, log);
  const services = createServices(config, database, events);
  registerJobs(jobs, services);
  services.scheduled.attach(jobs);
  registerBrandJobs(jobs, services);
  return {
    config,
    database,
    events,
    jobs,
    log,
    services,
    async close() {
      await jobs.stop();
      await events.close();
      await database.destroy();
    },
  };
}

async function connectRedisBus(url: string): Promise<EventBus> {
  const bus = new RedisEventBus(url);
  await bus.ready();
  return bus;
}
