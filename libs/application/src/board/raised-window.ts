import { addDays, compareLocalDates, isLocalDate, londonMidnight } from '@compact/calendar';
import { DomainError, FieldError, TimeWindow } from '@compact/domain';

/** The earliest and latest instants a window can hold (the register's "all time"). */
const NEVER_BEFORE = new Date(0);
const NEVER_AFTER = new Date(8.64e15);

/** A range of London dates, both included; either end may be open. */
export interface RaisedRange {
  raisedFrom?: string;
  raisedTo?: string;
}

/**
 * The window of instants in which a case raised between two London dates (both included) was
 * raised: from 00:00 London time on `raisedFrom` to 00:00 on the day after `raisedTo`. Null when
 * neither is given. A date that is not a real YYYY-MM-DD date, or a range that ends before it
 * starts, is VALIDATION_FAILED naming the field.
 */
export function raisedWindow(range: RaisedRange): TimeWindow | null {
  const errors: FieldError[] = [];
  const given = (field: 'raisedFrom' | 'raisedTo') => {
    const value = range[field];
    if (value === undefined || value === '') return undefined;
    if (!isLocalDate(value)) {
      errors.push({ field, message: 'must be a real date, as YYYY-MM-DD' });
      return undefined;
    }
    return value;
  };
  const from = given('raisedFrom');
  const to = given('raisedTo');
  if (from && to && compareLocalDates(to, from) < 0) errors.push({ field: 'raisedTo', message: 'must be the same as or after raisedFrom' });
  if (errors.length > 0) throw DomainError.validation(errors);
  if (!from && !to) return null;
  return { from: from ? londonMidnight(from) : NEVER_BEFORE, to: to ? londonMidnight(addDays(to, 1)) : NEVER_AFTER };
}
