/** How every CLI command reports a failure: one clear line (file/row/column when known), exit 1. */
export function reportCliError(error: unknown): never {
  let message = error instanceof Error ? error.message : String(error);
  // A failed workflow or activity wraps the error that says what went wrong: show that too.
  let cause: unknown = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  if (cause instanceof Error && cause.message !== message) message = `${message}: ${cause.message}`;
  console.error(`error: ${message}`);
  if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
