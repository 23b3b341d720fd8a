/**
 * Activity option presets, in one place. Short I/O calls retry quickly; long stages
 * heartbeat so a dead worker is noticed within a minute and the stage is retried on
 * another — every stage, clustering and rendering included: steps run on the worker's
 * threads, so its event loop is always free to heartbeat. Bad input is never retried (see
 * activities/errors.ts).
 */
import type { ActivityOptions } from '@temporalio/workflow';

export const NON_RETRYABLE_ERRORS = ['SourceSchemaError', 'SourceReadError', 'SourceConfigError', 'AccountingError',
  'RunNotFoundError', 'ArtifactsMissingError', 'ArtifactChecksumError', 'MailConfigError'];

export const shortIo: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE_ERRORS },
};

export const longStage: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_ERRORS },
};

/**
 * Mailing the reports: an SMTP server that is down is retried with backoff for about two
 * hours (the reports are already stored, so nothing is lost meanwhile).
 */
export const mailDelivery: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 30, nonRetryableErrorTypes: NON_RETRYABLE_ERRORS },
};
