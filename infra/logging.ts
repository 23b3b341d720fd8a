/**
 * Structured logs (pino); child loggers carry run id and stage. A worker or the stack logs to
 * stdout, where its supervisor collects them; a command a person watches (the demo, the CLI)
 * sends them to a file under the data dir instead, so the terminal shows progress and
 * summaries, not JSON lines between them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

/** Appends each line to `file` (its folder made as needed). */
function fileSink(file: string): { write(line: string): unknown } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  return { write: (line: string) => fs.writeSync(fd, line) };
}

/**
 * Where log lines go: LOG_FILE when set (commandLogs sets it, so the worker threads a command
 * starts, which load this module anew with a copy of its environment, log there too), else stdout.
 */
let sink: { write(line: string): unknown } = process.env.LOG_FILE ? fileSink(process.env.LOG_FILE) : process.stdout;

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'customer-insights' } }, { write: (line: string) => sink.write(line) });

export function stageLogger(runId: string, stage: string): pino.Logger {
  return logger.child({ runId, stage });
}

/**
 * Sends this process's structured logs to `<dataDir>/logs/<name>.log` (appended), unless the
 * person asked for them on stdout (`--json-logs`, or LOG_LEVEL set). Returns the file, or
 * undefined when they stay on stdout.
 */
export function commandLogs(dataDir: string, name: string, options: { jsonLogs?: boolean } = {}): string | undefined {
  if (options.jsonLogs || process.env.LOG_LEVEL !== undefined) return undefined;
  const file = path.join(dataDir, 'logs', `${name}.log`);
  process.env.LOG_FILE = file;
  sink = fileSink(file);
  return file;
}
