/** `refresh --as-of YYYY-MM-DD [--config FILE] [--full]`: run one refresh on the stack and follow it. */
import type { Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { isoDateArg } from '../lib/cliArgs';
import { followRefresh, startRefresh } from '../lib/refresh';
import { withClient, workflowUrl } from '../lib/temporalClient';

export function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description('start a refresh workflow for one as-of date and follow its progress')
    .requiredOption('--as-of <date>', 'the run sees data on or before this day (YYYY-MM-DD)', isoDateArg)
    .option('--config <file>', 'source config (JSON); default $SOURCE_CONFIG or .data/sample/sources.json')
    .option('--full', 're-extract every source whole, ignoring watermarks and the stored extractions of unchanged files')
    .option('--allow-outside', 'let the config name source files outside its folder (or ALLOW_SOURCES_OUTSIDE_CONFIG=1)')
    .action(async (opts: { asOf: string; config?: string; allowOutside?: boolean; full?: boolean }) => {
      await withClient(async (client, config, endpoints) => {
        const sourceConfig = loadSourceConfigFile(opts.config ?? config.sourceConfigPath, { allowOutside: opts.allowOutside || config.allowSourcesOutsideConfig });
        const handle = await startRefresh(client, config, { asOf: opts.asOf, sourceConfig, ...(opts.full ? { full: true } : {}) });
        console.error(`workflow ${handle.workflowId}${workflowUrl(endpoints, config, handle.workflowId)}`);
        const result = await followRefresh(handle);
        console.log(JSON.stringify(result, null, 2));
      });
    });
}
