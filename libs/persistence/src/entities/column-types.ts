import { ValueTransformer } from 'typeorm';

/** Instants are stored as epoch milliseconds (bigint): exact, portable and cheap to index. */
export const epochMillis: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.getTime()),
  from: (value: string | number | null) => (value == null ? null : new Date(Number(value))),
};
