/**
 * One CLI for the whole product (SPEC §9): `npm run cli -- <command> --help`.
 * Each command lives in scripts/commands/<name>.ts and registers itself here.
 */
import { Command } from 'commander';
import { reportCliError } from './commands/errors';
import { registerClvCommand } from './commands/clv';
import { registerForecastCommand } from './commands/forecast';
import { registerGenerateCommand } from './commands/generate';
import { registerSentimentCommand } from './commands/sentiment';
import { registerSegmentCommand } from './commands/segment';

const program = new Command('cli')
  .description('Customer profiling, value and sales forecasting pipeline')
  .showHelpAfterError();

// Commands register below, one line each.
registerClvCommand(program);
registerForecastCommand(program);
registerGenerateCommand(program);
registerSegmentCommand(program);
registerSentimentCommand(program);

program.parseAsync(process.argv).catch(reportCliError);
