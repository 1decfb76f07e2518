/** `roost screen`. */
import { CliError, type Command } from '../command.js';

export const screenCommand: Command = {
  name: 'screen',
  summary: '(not yet available)',
  help: 'Usage: roost screen',
  async run() {
    throw new CliError('not yet available');
  },
};
