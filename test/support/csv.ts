/** One line of an RFC 4180 CSV whose every cell is quoted (as the board's export writes it). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  const re = /"((?:[^"]|"")*)"(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    cells.push(m[1].replace(/""/g, '"'));
    if (re.lastIndex >= line.length) break;
  }
  return cells;
}

/** The rows of such a CSV as objects keyed by its header. */
export function parseCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const lines = text.trimEnd().split('\r\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => parseCsvLine(l)).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  return { header, rows };
}
