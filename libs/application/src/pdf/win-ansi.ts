/** The characters beyond Latin-1 that Windows-1252 (the standard PDF fonts' encoding) holds. */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the PDF's standard fonts can show: characters outside Windows-1252 become "?" (rather
 * than wrong glyphs), tabs become spaces and other control characters go.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\t/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code <= 0xff || CP1252_EXTRAS.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}
