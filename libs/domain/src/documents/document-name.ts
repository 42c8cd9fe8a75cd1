/** Longest file name kept, in characters (the extension is kept when a name is shortened). */
export const MAX_DOCUMENT_NAME_LENGTH = 200;

/**
 * A client's file name made safe to store and to send back in Content-Disposition: only the last
 * path segment (either slash), no control or format characters, no leading dots, spaces collapsed,
 * at most MAX_DOCUMENT_NAME_LENGTH characters. An empty result becomes `document`.
 */
export function cleanDocumentName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const printable = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const name = shorten(printable);
  return name === '' ? 'document' : name;
}

function shorten(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_DOCUMENT_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  const keep = ext.length > 0 && ext.length <= 10 ? ext : [];
  return chars.slice(0, MAX_DOCUMENT_NAME_LENGTH - keep.length).join('') + keep.join('');
}
