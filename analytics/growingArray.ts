/** A typed array filled one value at a time, doubling when full: many numbers without a JS array's per-element cost. */
export class GrowingArray<T extends Uint32Array | Int32Array | Float64Array> {
  length = 0;
  constructor(private array: T) {}

  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new (this.array.constructor as new (n: number) => T)(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }

  /** The values pushed so far (a view, not a copy). */
  values(): T {
    return this.array.subarray(0, this.length) as T;
  }
}
