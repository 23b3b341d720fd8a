/** `refresh --as-of YYYY-MM-DD [--config FILE]`: run one refresh on the stack and follow it. */
import type { Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { followRefresh, startRefresh } from '../lib/refresh';
import { withClient, workflowUrl } from '../lib/temporalClient';

export function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description('start a refresh workflow for one as-of date and follow its progress')
    .requiredOption('--as-of <date>', 'the run sees data on or before this day (YYYY-MM-DD)')
    .option('--config <file>', 'source config (JSON); default $SOURCE_CONFIG or .data/sample/sources.json')
    .action(async (opts: { asOf: string; config?: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got ${opts.asOf}`);
      await withClient(async (client, config, endpoints) => {
        const sourceConfig = loadSourceConfigFile(opts.config ?? config.sourceConfigPath);
        const handle = await startRefresh(client, config, { asOf: opts.asOf, sourceConfig });
        console.error(`workflow ${handle.workflowId}${workflowUrl(endpoints, config, handle.workflowId)}`);
        const result = await followRefresh(handle);
        console.log(JSON.stringify(result, null, 2));
      });
    });
}
