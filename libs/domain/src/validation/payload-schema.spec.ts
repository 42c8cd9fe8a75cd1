import { isIsoDate, isUuid, PayloadSchema, validatePayload } from './payload-schema';

const TODAY = '2026-03-10';
const ORG = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';

const schema: PayloadSchema = {
  reason: { kind: 'text', label: 'Reason', required: true, maxLength: 10 },
  note: { kind: 'text', label: 'Note', required: false, maxLength: 5 },
  route: { kind: 'enum', label: 'Route', required: false, values: ['statutory', 'ombudsman'] },
  heldOn: { kind: 'date', label: 'Held on', required: false, notInFuture: true },
  startsOn: { kind: 'date', label: 'Starts on', required: false },
  mediator: { kind: 'organisation', label: 'Mediator', required: false, organisationKind: 'mediator' },
};

const check = (payload: Record<string, unknown>) => validatePayload(schema, payload, TODAY);

describe('validatePayload', () => {
  it('accepts a valid payload', () => {
    expect(
      check({ reason: 'because', note: 'ok', route: 'ombudsman', heldOn: TODAY, startsOn: '2030-01-01', mediator: ORG }),
    ).toEqual([]);
  });

  it('requires required fields (absent or null) and leaves optional ones alone', () => {
    expect(check({})).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(check({ reason: null })).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(check({ reason: 'x', note: null, route: undefined })).toEqual([]);
  });

  it('refuses fields the event does not have', () => {
    expect(check({ reason: 'x', colour: 'red', extra: 1 })).toEqual([
      { field: 'colour', message: 'is not a field of this event' },
      { field: 'extra', message: 'is not a field of this event' },
    ]);
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])(
    'refuses %p, a name inherited from Object.prototype, as an unknown field',
    (key) => {
      const payload = JSON.parse(`{"reason":"x","${key}":"y"}`);
      expect(check(payload)).toEqual([{ field: key, message: 'is not a field of this event' }]);
    },
  );

  it.each([
    [1, 'number'],
    [true, 'boolean'],
    [['a'], 'array'],
    [{ a: 1 }, 'object'],
  ])('refuses a %p (%s) where a string is expected, for every kind', (value, _kind) => {
    const errors = check({ reason: value, route: value, heldOn: value, mediator: value });
    expect(errors).toEqual([
      { field: 'reason', message: 'must be a string' },
      { field: 'route', message: 'must be a string' },
      { field: 'heldOn', message: 'must be a string' },
      { field: 'mediator', message: 'must be a string' },
    ]);
  });

  it.each(['', '   ', '\n\t'])('refuses blank text %p, required or not', (value) => {
    expect(check({ reason: value, note: value })).toEqual([
      { field: 'reason', message: 'must not be blank' },
      { field: 'note', message: 'must not be blank' },
    ]);
  });

  it('enforces maxLength exactly', () => {
    expect(check({ reason: 'x'.repeat(10) })).toEqual([]);
    expect(check({ reason: 'x'.repeat(11) })).toEqual([{ field: 'reason', message: 'must be at most 10 characters' }]);
  });

  it('accepts only listed enum values, case-sensitively', () => {
    expect(check({ reason: 'x', route: 'statutory' })).toEqual([]);
    for (const route of ['Statutory', 'court', '', ' ombudsman']) {
      expect(check({ reason: 'x', route })).toEqual([{ field: 'route', message: 'must be one of: statutory, ombudsman' }]);
    }
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-03-01', '2026-3-1', '2026-03-01T00:00:00Z', 'yesterday'])(
    'refuses %p as a date',
    (value) => {
      expect(check({ reason: 'x', startsOn: value })).toEqual([{ field: 'startsOn', message: 'must be a date written YYYY-MM-DD' }]);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(check({ reason: 'x', startsOn: '2028-02-29' })).toEqual([]);
  });

  it('refuses a notInFuture date after today, and only there', () => {
    expect(check({ reason: 'x', heldOn: '2026-03-11' })).toEqual([{ field: 'heldOn', message: 'must not be in the future' }]);
    expect(check({ reason: 'x', heldOn: TODAY })).toEqual([]);
    expect(check({ reason: 'x', heldOn: '1999-12-31' })).toEqual([]);
    expect(check({ reason: 'x', startsOn: '2099-01-01' })).toEqual([]);
  });

  it.each(['not-an-id', '3f2b8c1e9a4d4e6f8b2a1c3d5e7f9a0b', `${ORG}0`, `{${ORG}}`, ''])('refuses %p as an organisation id', (value) => {
    expect(check({ reason: 'x', mediator: value })).toEqual([{ field: 'mediator', message: 'must be an organisation id' }]);
  });

  it('accepts an organisation id in upper case', () => {
    expect(check({ reason: 'x', mediator: ORG.toUpperCase() })).toEqual([]);
  });

  it('reports every problem at once, unknown fields first', () => {
    expect(check({ bogus: 'x', note: 'toolong', route: 'nope', heldOn: '2026-02-30' }).map((e) => e.field)).toEqual([
      'bogus',
      'reason',
      'note',
      'route',
      'heldOn',
    ]);
  });
});

describe('isIsoDate / isUuid', () => {
  it('isIsoDate checks that the calendar date exists', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
    expect(isIsoDate('2026-12-32')).toBe(false);
  });

  it('isUuid accepts the 8-4-4-4-12 hex form only', () => {
    expect(isUuid(ORG)).toBe(true);
    expect(isUuid('00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(isUuid('g0000000-0000-4000-8000-000000000000')).toBe(false);
    expect(isUuid(` ${ORG}`)).toBe(false);
  });
});
