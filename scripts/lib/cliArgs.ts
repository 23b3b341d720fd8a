/**
 * Parsers for CLI flag values, for commander: every number has a documented range
 * (config/limits.ts) and the message names the limit, before any work starts.
 */
import { InvalidArgumentError } from 'commander';
import { parseDayOrNull } from '../../analytics/calendar';

/** A whole number in [min, max]; `unit` is named in the message (e.g. "weeks"). */
export function integerIn(min: number, max: number, unit = ''): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^[-+]?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new InvalidArgumentError(`must be a whole number, got "${text}"`);
    if (value < min || value > max) throw new InvalidArgumentError(`must be ${min}–${max.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}, got ${text}`);
    return value;
  };
}

/** A finite number in [min, max]. */
export function numberIn(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`must be a number, got "${text}"`);
    if (value < min || value > max) throw new InvalidArgumentError(`must be between ${min} and ${max}, got ${text}`);
    return value;
  };
}

/** A calendar date YYYY-MM-DD. */
export function isoDateArg(text: string): string {
  if (parseDayOrNull(text) === null) throw new InvalidArgumentError(`must be a date YYYY-MM-DD, got "${text}"`);
  return text;
}

/** A 32-bit seed. */
export const seedArg = integerIn(-(2 ** 31), 2 ** 32 - 1);
