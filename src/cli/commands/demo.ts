/** `roost demo`: fills an empty database with Northwind Labs, a fictional company, so a newcomer sees a living network. */
import { loadConfig } from '../../config.js';
import { createContext } from '../../context.js';
import { buildDemoPlan } from '../../demo/company.js';
import { DEMO_PASSWORD, loadDemo } from '../../demo/load.js';
import { CliError, parse, type Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Fill an empty database with a fictional company (people, follows, a month of posts)',
  help: [
    'Usage: roost demo [--seed <n>]',
    '',
    'Creates Northwind Labs: 10 departments, about 170 people with titles and managers, who',
    'follows whom, and a month of posts, threads, hashtags, likes and reshares. Every demo person',
    `signs in with the password "${DEMO_PASSWORD}". Refuses to touch a database that already has posts.`,
    '',
    'Example:',
    '  npx roost demo && npm start',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse(args, { seed: { type: 'string' } }, false);
    const seed = values.seed === undefined ? 2024 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new CliError(`--seed must be a whole number, got "${values.seed}"`, 2);
    const config = loadConfig(io.env);
    const ctx = await createContext(config);
    try {
      const existing = await ctx.database.db.selectFrom('statuses').select('id').limit(1).executeTakeFirst();
      if (existing) throw new CliError('the database already has posts; the demo only fills an empty one');
      const started = Date.now();
      const summary = await loadDemo(ctx, buildDemoPlan(Date.now(), seed), (line) => io.out(line));
      io.out(
        `Northwind Labs is ready: ${summary.people} people in ${summary.departments} departments, ` +
          `${summary.follows} follows, ${summary.posts} posts, ${summary.likes} likes, ${summary.reshares} reshares ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s).`,
      );
      io.out(`Sign in as ${summary.admin} (an admin) or anyone in the directory with the password "${DEMO_PASSWORD}".`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
