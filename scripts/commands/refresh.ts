/** `refresh --as-of YYYY-MM-DD [--config FILE]`: run one refresh on the stack and follow it. */
import path from 'node:path';
import type { Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { loadConfig } from '../../infra/config';
import { resolveEndpoints } from '../../infra/stack';
import { connectClient } from '../../infra/temporal';
import { followRefresh, startRefresh } from '../lib/refresh';

export const SAMPLE_CONFIG = path.join('.data', 'sample', 'sources.json');

export function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description('start a refresh workflow for one as-of date and follow its progress')
    .requiredOption('--as-of <date>', 'the run sees data on or before this day (YYYY-MM-DD)')
    .option('--config <file>', 'source config (JSON)', SAMPLE_CONFIG)
    .action(async (opts: { asOf: string; config: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got ${opts.asOf}`);
      const config = loadConfig();
      const sourceConfig = loadSourceConfigFile(opts.config);
      const endpoints = await resolveEndpoints(config);
      const client = await connectClient(config, endpoints.temporalAddress);
      try {
        const handle = await startRefresh(client, config, { asOf: opts.asOf, sourceConfig });
        console.error(`workflow ${handle.workflowId}${endpoints.uiUrl ? ` — ${endpoints.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${handle.workflowId}` : ''}`);
        const result = await followRefresh(handle);
        console.log(JSON.stringify(result, null, 2));
      } finally {
        await client.connection.close();
      }
    });
}
