import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection: 50 %
 * (V8 otherwise picks up to 4× when collections are cheap, as they are for this service, whose
 * live heap is about 50 MB). Streaming an export of 100,000 cases allocates some 20 GB of short
 * lived objects; with V8's own choice the heap swelled to over 200 MB between collections and the
 * process to twice its idle size, with this it stays within about 20 MB of idle, at the same
 * speed (bench/scale.bench.ts). The factor is read at every collection, so setting it as the
 * process starts is enough.
 */
export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
