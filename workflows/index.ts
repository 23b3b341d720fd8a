/** What the worker bundles: every workflow, nothing else (no Node built-ins, no I/O). */
export { refresh, progressQuery } from './refresh';
export { resendReports } from './resend';
export { scheduledRefresh } from './scheduledRefresh';
export { backfill, backfillProgressQuery } from './backfill';
