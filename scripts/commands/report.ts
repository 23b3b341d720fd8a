/**
 * `report resend RUN_ID [--render]`: mails a past run's recorded workbook and PDF again
 * through Temporal (the worker sends; retries as in the refresh). With --render the reports
 * are rendered and recorded anew from the run's tables first.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../infra/config';
import { resolveEndpoints } from '../../infra/stack';
import { connectClient } from '../../infra/temporal';
import type { resendReports } from '../../workflows';

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('the reports of a run (workbook, PDF, mail)');
  report
    .command('resend <runId>')
    .description("mail a run's recorded reports again (needs a running worker, e.g. `npm run stack`)")
    .option('--render', 'render and record the reports again before sending')
    .action(async (runId: string, opts: { render?: boolean }) => {
      const config = loadConfig();
      const endpoints = await resolveEndpoints(config);
      const client = await connectClient(config, endpoints.temporalAddress);
      try {
        const result = await client.workflow.execute<typeof resendReports>('resendReports', {
          taskQueue: config.temporal.taskQueue,
          workflowId: `report-resend-${runId}-${Date.now()}`,
          args: [{ runId, render: Boolean(opts.render) }],
        });
        for (const artifact of result.rendered?.artifacts ?? []) console.log(`rendered ${artifact.kind}: ${artifact.path} (${artifact.bytes} bytes, sha256 ${artifact.sha256})`);
        console.log(`sent ${result.delivery.messageId} to ${result.delivery.accepted.join(', ')}`);
      } finally {
        await client.connection.close();
      }
    });
}
