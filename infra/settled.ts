/**
 * Work started now and awaited later: `settle` holds a promise's result or its error, so that
 * a failure does not go unhandled while the caller awaits something else first, and `settled`
 * gives the result back or throws the error where the caller awaits it.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

export async function settled<T>(p: Promise<Settled<T>>): Promise<T> {
  const outcome = await p;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
