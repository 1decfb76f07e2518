/** `roost serve`: runs the server until SIGINT or SIGTERM (what `npm start` runs). */
import { loadConfig } from '../../config.js';
import { startServer } from '../../server.js';
import { parse, type Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the Roost server (web app, API, streaming and jobs)',
  help: [
    'Usage: roost serve',
    '',
    'Serves the web app and the API at ROOST_BASE_URL (default http://localhost:3000).',
    'Configuration comes from the environment: see the README’s table.',
  ].join('\n'),
  async run(args, io) {
    parse(args, {}, false);
    const config = loadConfig(io.env);
    const server = await startServer(config);
    io.out(`Roost is running at ${config.baseUrl} (database: ${config.database.dialect})`);
    for (const line of await server.ctx.services.setup.firstRunMessages(config.baseUrl)) io.out(line);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.out('Stopping…');
    await server.close();
    return 0;
  },
};
