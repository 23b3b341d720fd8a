/**
 * `customer show CUSTOMER_ID [--run RUN_ID]` (SPEC §9): one customer as the pipeline sees
 * them — profile and demographics, tags, segment history across runs, CLV and churn risk
 * (when the value stage's `customer_value` table exists), voice features and the latest
 * scored comments. Reads PostgreSQL only. Without --run, the latest successful run that
 * knows the customer.
 */
import type { Command } from 'commander';
import { customerDetail } from '../lib/customerDetail';
import { withDb } from './runs';

function printSection(title: string, row: Record<string, unknown> | null, absent: string): void {
  console.log(`\n${title}`);
  if (!row) {
    console.log(`  (${absent})`);
    return;
  }
  for (const [k, v] of Object.entries(row)) console.log(`  ${k.padEnd(26)} ${v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
}

export function registerCustomerCommand(program: Command): void {
  const customer = program.command('customer').description('look at one customer');
  customer
    .command('show <customerId>')
    .description('profile, tags, segment history, CLV / churn risk, sentiment and latest comments of one customer')
    .option('--run <runId>', 'run to show (default: the latest successful run with the customer)')
    .option('--json', 'print JSON')
    .action(async (customerId: string, opts: { run?: string; json?: boolean }) => {
      const detail = await withDb((db) => customerDetail(db, customerId, opts.run));
      if (!detail) throw new Error(`customer ${customerId} not found${opts.run ? ` in run ${opts.run}` : ' in any successful run'} (see \`runs list\`)`);
      if (opts.json) {
        console.log(JSON.stringify(detail, null, 2));
        return;
      }
      console.log(`${customerId} in ${detail.runId} (as of ${detail.asOf})`);
      console.log(`tags: ${detail.tags.length > 0 ? detail.tags.join(', ') : '(none)'}`);
      printSection('demographics', detail.demographics, 'not in the customer master');
      printSection('profile', detail.profile, 'no orders in this run');
      printSection('segment', detail.segment, 'not segmented in this run');
      printSection('value (CLV, churn risk)', detail.value, 'no customer_value for this run: the value stage has not run');
      printSection('voice', detail.voice, 'no voice data in this run');
      console.log('\nsegment history:');
      if (detail.history.length > 0) console.table(detail.history);
      else console.log('  (none)');
      console.log(`\nlatest comments (${detail.comments.length}):`);
      for (const c of detail.comments) {
        console.log(`  ${c.commented_at.toISOString().slice(0, 10)} ${c.source.padEnd(6)} ${c.polarity.padEnd(8)} ${Number(c.score).toFixed(2)} ${c.lang}  ${c.text.replace(/\s+/g, ' ')}`);
      }
    });
}
