/**
 * The calendar: days, ISO weeks, months, time zones, as-of cutoffs and the Chinese calendar,
 * in one place for every path — cleaning, profile, value, forecast, the workflows, the run
 * context and the sample generator. Pure and deterministic (workflow code imports it).
 */
export * from './days';
export * from './periods';
export * from './zones';
export * from './lunar';
