/**
 * `report resend RUN_ID [--render]`: mails a past run's recorded workbook and PDF again
 * through Temporal (the worker sends; retries as in the refresh). With --render the reports
 * are rendered and recorded anew from the run's tables first. With no stack running it starts
 * the local one and a worker for the command (as the demo does), and says so.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig } from '../../infra/config';
import { DEFAULT_STACK_PORTS, runningEndpoints } from '../../infra/stack';
import { connectClient } from '../../infra/temporal';
import type { resendReports } from '../../workflows';
import { withLocalPipeline } from '../lib/localPipeline';

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('the reports of a run (workbook, PDF, mail)');
  report
    .command('resend <runId>')
    .description("mail a run's recorded reports again (through a running worker; with no stack running, starts the local stack and a worker for the command)")
    .option('--render', 'render and record the reports again before sending')
    .action(async (runId: string, opts: { render?: boolean }) => {
      const config = loadConfig();
      const resend = async (client: Client) => {
        const result = await client.workflow.execute<typeof resendReports>('resendReports', {
          taskQueue: config.temporal.taskQueue,
          workflowId: `report-resend-${runId}-${Date.now()}`,
          args: [{ runId, render: Boolean(opts.render) }],
        });
        for (const artifact of result.rendered?.artifacts ?? []) console.log(`rendered ${artifact.kind}: ${artifact.path} (${artifact.bytes} bytes, sha256 ${artifact.sha256})`);
        console.log(`sent ${result.delivery.messageId} to ${result.delivery.accepted.join(', ')}`);
      };
      const endpoints = await runningEndpoints(config);
      if (!endpoints) {
        console.error('no stack running: starting the local stack (embedded PostgreSQL, Temporal dev server, mail) and a worker for this command');
        await withLocalPipeline(config, DEFAULT_STACK_PORTS, ({ client, worker }) => worker.runUntil(resend(client)));
        return;
      }
      const client = await connectClient(config, endpoints.temporalAddress);
      try {
        await resend(client);
      } finally {
        await client.connection.close();
      }
    });
}
