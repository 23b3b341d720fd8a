/**
 * One CLI for the whole product (SPEC §9): `npm run cli -- <command> --help`.
 * Each command lives in scripts/commands/<name>.ts and registers itself here.
 */
import { Command } from 'commander';
import { loadConfig } from '../infra/config';
import { commandLogs } from '../infra/logging';
import { reportCliError } from './commands/errors';
import { registerClvCommand } from './commands/clv';
import { registerCustomerCommand } from './commands/customer';
import { registerGenerateCommand } from './commands/generate';
import { registerForecastCommand } from './commands/forecast';
import { registerSegmentCommand } from './commands/segment';
import { registerRefreshCommand } from './commands/refresh';
import { registerReportCommand } from './commands/report';
import { registerRunsCommand } from './commands/runs';
import { registerSentimentCommand } from './commands/sentiment';
import { registerScheduleCommand } from './commands/schedule';
import { registerBackfillCommand } from './commands/backfill';

const program = new Command('cli')
  .description('Customer profiling, value and sales forecasting pipeline')
  .option('--json-logs', 'structured (JSON) logs on stdout instead of .data/logs/cli.log (so does setting LOG_LEVEL)')
  .showHelpAfterError();

// The terminal shows progress and summaries; the structured logs go to a file unless asked for.
program.hook('preAction', () => {
  commandLogs(loadConfig().dataDir, 'cli', program.opts<{ jsonLogs?: boolean }>());
});

// Commands register below, one line each.
registerClvCommand(program);
registerGenerateCommand(program);
registerForecastCommand(program);
registerSegmentCommand(program);
registerRefreshCommand(program);
registerReportCommand(program);
registerRunsCommand(program);
registerSentimentCommand(program);
registerScheduleCommand(program);
registerBackfillCommand(program);
registerCustomerCommand(program);

program.parseAsync(process.argv).catch(reportCliError);
