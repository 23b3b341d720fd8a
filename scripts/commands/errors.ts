/** How every CLI command reports a failure: one clear line (file/row/column when known), exit 1. */
export function reportCliError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
