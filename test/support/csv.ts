/**
 * A strict RFC 4180 reader for the tests: cells quoted ("" for a quote inside) or bare, separated by
 * commas, records ended by CRLF. Anything else (a quote inside a bare cell, text after a closing
 * quote, a quoted cell left open) throws, naming where.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`CSV: ${why} at character ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
  };
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) fail('a quoted cell is not closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i++;
          } else break;
        } else cell += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('a quote inside a bare cell');
        cell += text[i++];
      }
    }
    record.push(cell);
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      if (i >= text.length) return records;
      continue;
    }
    fail('expected a comma or CRLF');
  }
  records.push(record);
  return records;
}

/** One line of an RFC 4180 CSV (one record, no line break of its own). */
export function parseCsvLine(line: string): string[] {
  const records = parseCsvRecords(line);
  if (records.length !== 1) throw new Error(`CSV: expected one record, got ${records.length}`);
  return records[0];
}

/** The rows of a CSV as objects keyed by its header; every row must have as many cells as the header. */
export function parseCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...records] = parseCsvRecords(text);
  records.forEach((cells, i) => {
    if (cells.length !== header.length) throw new Error(`CSV: row ${i + 1} has ${cells.length} cells, the header ${header.length}`);
  });
  return { header, rows: records.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}
