import { parseCliArgs, required, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('splits the command, positionals and options', () => {
    expect(parseCliArgs(['create-user', '--name', 'Jo Bloggs', '--email', 'jo@example.org', 'extra'])).toEqual({
      command: 'create-user',
      positional: ['extra'],
      options: { name: 'Jo Bloggs', email: 'jo@example.org' },
    });
  });

  it('answers no command for no arguments', () => {
    expect(parseCliArgs([])).toEqual({ command: undefined, positional: [], options: {} });
  });

  it('reads --key=value, keeping later = signs and empty values', () => {
    expect(parseCliArgs(['x', '--filter=a=b', '--empty=', '--url=postgres://u:p@h/db?x=1']).options).toEqual({
      filter: 'a=b',
      empty: '',
      url: 'postgres://u:p@h/db?x=1',
    });
  });

  it('treats an option followed by another option, or by nothing, as a flag', () => {
    expect(parseCliArgs(['x', '--force', '--name', 'Jo', '--dry-run']).options).toEqual({ force: 'true', name: 'Jo', 'dry-run': 'true' });
  });

  it('takes a value that starts with a single dash', () => {
    expect(parseCliArgs(['x', '--offset', '-5']).options).toEqual({ offset: '-5' });
  });

  it('keeps positionals in order around options', () => {
    expect(parseCliArgs(['verify-audit', 'case-1', '--json', '--limit', '3', 'case-2']).positional).toEqual(['case-1', 'case-2']);
  });

  it('lets the last of a repeated option win', () => {
    expect(parseCliArgs(['x', '--name', 'A', '--name=B']).options).toEqual({ name: 'B' });
  });

  it('keeps multi-line values whole', () => {
    expect(parseCliArgs(['x', '--note=line one\nline two']).options).toEqual({ note: 'line one\nline two' });
  });
});

describe('required', () => {
  it('returns the value given', () => {
    expect(required({ name: 'Jo' }, 'name')).toBe('Jo');
  });

  it.each([
    ['missing', {}],
    ['given as a bare flag', { name: 'true' }],
    ['empty', { name: '' }],
    ['blank', { name: '   ' }],
  ])('refuses an option %s with a UsageError naming it', (_what, options) => {
    expect(() => required(options, 'name')).toThrow(UsageError);
    expect(() => required(options, 'name')).toThrow('--name is required');
  });
});
