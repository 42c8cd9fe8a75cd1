import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes scalars as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('a "quoted"\nline')).toBe('"a \\"quoted\\"\\nline"');
  });

  it('sorts keys, so key order does not change the text', () => {
    const a = canonicalJson({ b: 1, a: 2, c: { z: 1, y: [3, { q: 1, p: 2 }] } });
    const b = canonicalJson({ c: { y: [3, { p: 2, q: 1 }], z: 1 }, a: 2, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":2,"b":1,"c":{"y":[3,{"p":2,"q":1}],"z":1}}');
  });

  it('sorts keys by code unit, not by locale (upper case before lower case, digits first)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, '1': 4, _: 5 })).toBe('{"1":4,"B":2,"_":5,"a":3,"b":1}');
  });

  it('keeps array order, which is significant', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('has no insignificant white space', () => {
    expect(canonicalJson({ a: [1, { b: 'x y' }], c: {} })).toBe('{"a":[1,{"b":"x y"}],"c":{}}');
  });

  it('drops undefined members, at any depth', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined, e: 2 } })).toBe('{"a":1,"c":{"e":2}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined array elements as null, like JSON', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('tells null from absent', () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects the non-finite number %p', (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [n] })).toThrow('numbers must be finite');
  });

  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', BigInt(1)],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson({ nested: value })).toThrow(TypeError);
  });

  it('rejects undefined at the top level', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('keeps unicode text as it is, and parses back to the same value', () => {
    const value = { 'clé': 'Ça va — “yes” 👍', emoji: '🇬🇧', cjk: '調停', nbsp: '\u00a0' };
    const text = canonicalJson(value);
    expect(text).toContain('Ça va — “yes” 👍');
    expect(text).toContain('調停');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('tells different unicode normal forms apart (no silent normalisation)', () => {
    expect(canonicalJson('caf\u00e9')).not.toBe(canonicalJson('cafe\u0301'));
  });

  it('escapes control characters and lone surrogates so the text is valid JSON', () => {
    const text = canonicalJson({ s: '\u0000\u001f\ud800' });
    expect(text).toBe('{"s":"\\u0000\\u001f\\ud800"}');
    expect(JSON.parse(text)).toEqual({ s: '\u0000\u001f\ud800' });
  });

  it('gives the same text for the same value built in different ways', () => {
    const built: Record<string, unknown> = {};
    built.z = 'last';
    built.a = { y: 2, x: 1 };
    expect(canonicalJson(built)).toBe(canonicalJson(JSON.parse('{"a":{"x":1,"y":2},"z":"last"}')));
  });

  it('never gives two different non-plain objects (Date, Map) the same text: it must encode or refuse them', () => {
    const encode = (v: unknown): string => {
      try {
        return canonicalJson(v);
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    };
    const first = encode({ at: new Date('2026-01-01T00:00:00.000Z') });
    const second = encode({ at: new Date('2027-06-30T12:00:00.000Z') });
    expect(first.startsWith('refused') || first !== second).toBe(true);
    const m1 = encode(new Map([['a', 1]]));
    const m2 = encode(new Map([['b', 2]]));
    expect(m1.startsWith('refused') || m1 !== m2).toBe(true);
  });
});
