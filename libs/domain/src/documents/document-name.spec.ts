import { cleanDocumentName, MAX_DOCUMENT_NAME_LENGTH } from './document-name';

describe('cleanDocumentName', () => {
  it.each([
    ['minutes.pdf', 'minutes.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\letter.docx', 'letter.docx'],
    ['a\u0000b\u0007c\r\n.txt', 'abc.txt'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['.htaccess', 'htaccess'],
    ['  two   spaces .csv ', 'two spaces .csv'],
    ['', 'document'],
    ['dir/', 'document'],
    ['\u0001\u0002', 'document'],
  ])('%j becomes %j', (raw, clean) => {
    expect(cleanDocumentName(raw)).toBe(clean);
  });

  it('shortens a long name and keeps its extension', () => {
    const clean = cleanDocumentName(`${'x'.repeat(500)}.pdf`);
    expect([...clean]).toHaveLength(MAX_DOCUMENT_NAME_LENGTH);
    expect(clean.endsWith('.pdf')).toBe(true);
  });
});
