/** `roost tokens`. */
import { CliError, type Command } from '../command.js';

export const tokensCommand: Command = {
  name: 'tokens',
  summary: '(not yet available)',
  help: 'Usage: roost tokens',
  async run() {
    throw new CliError('not yet available');
  },
};
