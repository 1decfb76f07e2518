/** `roost users`. */
import { CliError, type Command } from '../command.js';

export const usersCommand: Command = {
  name: 'users',
  summary: '(not yet available)',
  help: 'Usage: roost users',
  async run() {
    throw new CliError('not yet available');
  },
};
