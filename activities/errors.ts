/**
 * Error types the pipeline treats as bad input: Temporal does not retry them
 * (they are listed in the activities' nonRetryableErrorTypes), and their messages name
 * the file, row and column at fault.
 */
export class SourceSchemaError extends Error {
  override name = 'SourceSchemaError';
}

export class SourceReadError extends Error {
  override name = 'SourceReadError';
}

/** read ≠ accepted + quarantined for a source: a bug, never silently ignored. */
export class AccountingError extends Error {
  override name = 'AccountingError';
}
