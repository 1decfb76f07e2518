/** `roost demo`. */
import { CliError, type Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: '(not yet available)',
  help: 'Usage: roost demo',
  async run() {
    throw new CliError('not yet available');
  },
};
