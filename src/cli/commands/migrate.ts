/** `roost migrate`: brings the database schema up to date and says what it applied. */
import { loadConfig } from '../../config.js';
import { migrateToLatest, openDatabase } from '../../db/open.js';
import { parse, type Command } from '../command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: 'Usage: roost migrate\n\nApplies every pending migration to the database named by ROOST_DATABASE_URL (default: SQLite under ROOST_DATA_DIR).',
  async run(args, io) {
    parse(args, {}, false);
    const config = loadConfig(io.env);
    const database = await openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database);
      io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    } finally {
      await database.destroy();
    }
  },
};
