const LONGEST = 120;

/**
 * An undertaking's text shortened for a table: its first sentence, cut at a word before LONGEST
 * characters with an ellipsis when still longer.
 */
export function shortUndertakingText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const found = /^(.+?)([.;:])(\s|$)/.exec(clean);
  // A sentence that goes on after a semicolon or colon is marked as shortened.
  const sentence = found ? (found[2] === '.' && found[0].trim() === clean ? clean : found[1] + (found[2] === '.' ? '.' : '…')) : clean;
  if (sentence.length <= LONGEST) return sentence;
  const cut = sentence.slice(0, LONGEST - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
