/** `backfill --from D --to D --step week|month --concurrency N [--config FILE]`: one refresh per period. */
import { Option, type Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { backfillPeriods, type BackfillStep } from '../../workflows/periods';
import { followBackfill, startBackfill } from '../lib/backfill';
import { withClient, workflowUrl } from '../lib/temporalClient';

interface BackfillOptions {
  from: string;
  to: string;
  step: BackfillStep;
  concurrency: string;
  config?: string;
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description('run the refresh for every period in a range (child workflows refresh-<asOf>); re-running replaces the periods\' results')
    .requiredOption('--from <date>', 'first day of the range (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the range (YYYY-MM-DD); weekly periods end on it and every 7 days before')
    .addOption(new Option('--step <step>', 'period length: week (as-of every 7 days back from --to) or month (month ends)').choices(['week', 'month']).default('week'))
    .option('--concurrency <n>', 'periods running at once; keep 1 so each period\'s segment migration, voice topics and forecast track record build on the period before it', '1')
    .option('--config <file>', 'source config (JSON); default $SOURCE_CONFIG or .data/sample/sources.json')
    .action(async (opts: BackfillOptions) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer, got ${opts.concurrency}`);
      const periods = backfillPeriods(opts.from, opts.to, opts.step);
      if (periods.length === 0) throw new Error(`no ${opts.step} period ends between ${opts.from} and ${opts.to}`);
      await withClient(async (client, config, endpoints) => {
        const sourceConfig = loadSourceConfigFile(opts.config ?? config.sourceConfigPath);
        const handle = await startBackfill(client, config, { from: opts.from, to: opts.to, step: opts.step, concurrency, sourceConfig });
        console.error(`backfill ${handle.workflowId}: ${periods.length} periods (${periods[0]} … ${periods.at(-1)}), ${concurrency} at a time${workflowUrl(endpoints, config, handle.workflowId)}`);
        const result = await followBackfill(handle);
        console.log(JSON.stringify(result, null, 2));
      });
    });
}
