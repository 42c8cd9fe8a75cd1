const LONGEST = 120;

/**
 * An undertaking's text shortened for a table: its first sentence, cut at a word before LONGEST
 * characters with an ellipsis when still longer.
 */
export function shortUndertakingText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.;:])(\s|$)/.exec(clean)?.[1] ?? clean;
  if (sentence.length <= LONGEST) return sentence;
  const cut = sentence.slice(0, LONGEST - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
