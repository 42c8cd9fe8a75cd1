import { addMonths } from './calendar-months';

describe('addMonths', () => {
  it('keeps the day of the month when it exists', () => {
    expect(addMonths('2026-06-15', 12)).toBe('2027-06-15');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-06-15', 0)).toBe('2026-06-15');
    expect(addMonths('2027-06-16', -3)).toBe('2027-03-16');
    expect(addMonths('2026-01-31', 24)).toBe('2028-01-31');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', -48)).toBe('2024-02-29');
  });

  it('does not "un-clamp": 31 Jan + 1 month + 1 month is 28 Mar', () => {
    expect(addMonths(addMonths('2027-01-31', 1), 1)).toBe('2027-03-28');
    expect(addMonths('2027-01-31', 2)).toBe('2027-03-31');
  });

  it('validates input', () => {
    expect(() => addMonths('2027-02-29', 1)).toThrow(RangeError);
    expect(() => addMonths('2027-01-31', 0.5)).toThrow('n (months) must be an integer, got 0.5');
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
    expect(() => addMonths('0001-01-01', -1)).toThrow(RangeError);
  });
});
