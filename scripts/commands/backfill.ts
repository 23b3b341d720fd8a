/** `backfill --from D --to D --step week|month --concurrency N [--config FILE]`: one refresh per period. */
import { Option, type Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { MAX_BACKFILL_CONCURRENCY, MAX_BACKFILL_PERIODS } from '../../config/limits';
import { backfillPeriods, type BackfillStep } from '../../workflows/periods';
import { followBackfill, startBackfill } from '../lib/backfill';
import { integerIn, isoDateArg } from '../lib/cliArgs';
import { withClient, workflowUrl } from '../lib/temporalClient';

interface BackfillOptions {
  from: string;
  to: string;
  step: BackfillStep;
  concurrency: number;
  config?: string;
  allowOutside?: boolean;
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description('run the refresh for every period in a range (child workflows refresh-<asOf>); re-running replaces the periods\' results')
    .requiredOption('--from <date>', 'first day of the range (YYYY-MM-DD)', isoDateArg)
    .requiredOption('--to <date>', 'last day of the range (YYYY-MM-DD); weekly periods end on it and every 7 days before', isoDateArg)
    .addOption(new Option('--step <step>', 'period length: week (as-of every 7 days back from --to) or month (month ends)').choices(['week', 'month']).default('week'))
    .option('--concurrency <n>', `periods running at once (at most ${MAX_BACKFILL_CONCURRENCY}); keep 1 so each period's segment migration, voice topics and forecast track record build on the period before it`, integerIn(1, MAX_BACKFILL_CONCURRENCY), 1)
    .option('--config <file>', 'source config (JSON); default $SOURCE_CONFIG or .data/sample/sources.json')
    .option('--allow-outside', 'let the config name source files outside its folder (or ALLOW_SOURCES_OUTSIDE_CONFIG=1)')
    .action(async (opts: BackfillOptions) => {
      const { concurrency } = opts;
      const periods = backfillPeriods(opts.from, opts.to, opts.step);
      if (periods.length === 0) throw new Error(`no ${opts.step} period ends between ${opts.from} and ${opts.to}`);
      if (periods.length > MAX_BACKFILL_PERIODS) throw new Error(`${periods.length} ${opts.step} periods between ${opts.from} and ${opts.to}, above the limit of ${MAX_BACKFILL_PERIODS}: split the range`);
      await withClient(async (client, config, endpoints) => {
        const sourceConfig = loadSourceConfigFile(opts.config ?? config.sourceConfigPath, { allowOutside: opts.allowOutside || config.allowSourcesOutsideConfig });
        const handle = await startBackfill(client, config, { from: opts.from, to: opts.to, step: opts.step, concurrency, sourceConfig });
        console.error(`backfill ${handle.workflowId}: ${periods.length} periods (${periods[0]} … ${periods.at(-1)}), ${concurrency} at a time${workflowUrl(endpoints, config, handle.workflowId)}`);
        const result = await followBackfill(handle);
        console.log(JSON.stringify(result, null, 2));
      });
    });
}
