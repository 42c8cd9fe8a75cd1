import { shortUndertakingText } from './short-undertaking-text';

describe('shortUndertakingText', () => {
  it('keeps a short first sentence, and marks one cut at a semicolon', () => {
    expect(shortUndertakingText('Be open. Say why.')).toBe('Be open.');
    expect(shortUndertakingText('Give early notice of forthcoming consultations; allow time.')).toBe('Give early notice of forthcoming consultations…');
    expect(shortUndertakingText('Short and whole.')).toBe('Short and whole.');
  });

  it('cuts a long sentence at a word, with an ellipsis, within 120 characters', () => {
    const long = `Respect and uphold ${'the independence of the VCS '.repeat(8)}to deliver.`;
    const short = shortUndertakingText(long);
    expect(short.length).toBeLessThanOrEqual(120);
    expect(short.endsWith('…')).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});
