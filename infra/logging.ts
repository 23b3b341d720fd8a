/** Structured logs (pino); child loggers carry run id and stage. */
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'customer-insights' },
});

export function stageLogger(runId: string, stage: string): pino.Logger {
  return logger.child({ runId, stage });
}
