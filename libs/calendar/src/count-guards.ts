/** Throws a RangeError unless `value` is an integer (negative allowed). */
export function assertInteger(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${String(value)}`);
  }
}

/** Throws a RangeError unless `value` is an integer >= 0 (a count of days or months). */
export function assertNonNegativeInteger(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws a RangeError unless `value` is a finite number > 0 (e.g. a number of seconds). */
export function assertPositiveFiniteNumber(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive finite number, got ${String(value)}`);
  }
}
