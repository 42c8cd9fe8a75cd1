import { LocalDate, dayNumberToLocalDate, formatLocalDate, localDateToDayNumber, partsToDayNumber } from './local-date';

export const LONDON_TIME_ZONE = 'Europe/London';

const MS_PER_DAY = 86_400_000;

const londonWallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Day number -> instant of its London midnight; Intl formatting is the slow part, so results are memoised. */
const midnightCache = new Map<number, number>();
const MIDNIGHT_CACHE_LIMIT = 20_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function assertInstant(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${name} must be a valid Date, got ${String(instant)}`);
  }
  return ms;
}

function londonWallClockAt(ms: number): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of londonWallClock.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        wall[part.type] = Number(part.value);
        break;
      default:
        break;
    }
  }
  return wall;
}

/** London's offset from UTC (ms, e.g. 3_600_000 during BST) at the given instant. */
export function londonOffsetMs(instant: Date): number {
  return offsetAt(assertInstant(instant, 'instant'));
}

function offsetAt(ms: number): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const wall = londonWallClockAt(wholeSeconds);
  const wallAsUtc =
    partsToDayNumber(wall.year, wall.month, wall.day) * MS_PER_DAY +
    ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
  return wallAsUtc - wholeSeconds;
}

/** The Europe/London calendar date of an instant (e.g. 2026-06-10T23:30Z is 00:30 BST on 2026-06-11). */
// UK offsets are whole hours and change on the hour, so the London date is constant within a UTC hour.
let lastHour = Number.NaN;
let lastHourDate = '';

export function toLondonDate(instant: Date): LocalDate {
  const ms = assertInstant(instant, 'instant');
  const hour = Math.floor(ms / 3_600_000);
  if (hour === lastHour) return lastHourDate;
  const wall = londonWallClockAt(ms);
  const date = formatLocalDate({ year: wall.year, month: wall.month, day: wall.day });
  lastHour = hour;
  lastHourDate = date;
  return date;
}

/**
 * The instant of 00:00 London time at the start of `date`: 23:00 UTC the day before during BST,
 * 00:00 UTC during GMT. (The UK clocks change at 01:00 UTC, so midnight always exists exactly once.)
 */
export function londonMidnight(date: LocalDate): Date {
  const dayNumber = localDateToDayNumber(date);
  let instant = midnightCache.get(dayNumber);
  if (instant === undefined) {
    const utcMidnight = dayNumber * MS_PER_DAY;
    const firstGuessOffset = offsetAt(utcMidnight);
    instant = utcMidnight - firstGuessOffset;
    const offsetThere = offsetAt(instant);
    if (offsetThere !== firstGuessOffset) instant = utcMidnight - offsetThere;
    if (midnightCache.size >= MIDNIGHT_CACHE_LIMIT) midnightCache.clear();
    midnightCache.set(dayNumber, instant);
  }
  return new Date(instant);
}

/** The instant at which the London-local `date` ends (= London midnight starting the next day). */
export function endOfLondonDay(date: LocalDate): Date {
  return londonMidnight(dayNumberToLocalDate(localDateToDayNumber(date) + 1));
}
