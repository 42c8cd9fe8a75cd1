import { createHash } from 'node:crypto';
import { LocalDate, assertLocalDate } from './local-date';

export type CalendarRegion = 'england-and-wales';

export interface CalendarConfig {
  region: CalendarRegion;
  /** Extra non-working days (e.g. a council's Christmas shutdown), `YYYY-MM-DD`. */
  extraClosures: LocalDate[];
}

export const SUPPORTED_REGIONS: readonly CalendarRegion[] = ['england-and-wales'];

/** Validates a config (it may come from JSON / environment parsing); throws RangeError with the offending entry. */
export function assertCalendarConfig(config: CalendarConfig): void {
  if (typeof config !== 'object' || config === null) {
    throw new RangeError('calendar config must be an object with region and extraClosures');
  }
  if (!SUPPORTED_REGIONS.includes(config.region)) {
    throw new RangeError(
      `calendar region must be one of ${SUPPORTED_REGIONS.map((r) => `'${r}'`).join(', ')}, got ${JSON.stringify(config.region)}`,
    );
  }
  if (!Array.isArray(config.extraClosures)) {
    throw new RangeError('calendar extraClosures must be an array of YYYY-MM-DD dates');
  }
  config.extraClosures.forEach((date, index) => assertLocalDate(date, `extraClosures[${index}]`));
}

/** Sorted, de-duplicated closures: the canonical form used for the calendar id. */
export function canonicalClosures(closures: readonly LocalDate[]): LocalDate[] {
  return [...new Set(closures)].sort();
}

/** First 12 hex digits of sha256 over the canonical closures (comma-joined), or 'none'. */
export function closuresFingerprint(closures: readonly LocalDate[]): string {
  const canonical = canonicalClosures(closures);
  if (canonical.length === 0) return 'none';
  return createHash('sha256').update(canonical.join(',')).digest('hex').slice(0, 12);
}
