import { judgeDocumentType } from './document-type';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('judgeDocumentType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'x.pdf', 'application/pdf'],
    ['a PNG', png, 'x.png', 'image/png'],
    ['a JPEG', Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), 'x.jpg', 'image/jpeg'],
    ['plain text', Buffer.from('Minutes of the meeting\r\n'), 'minutes.txt', 'text/plain'],
    ['CSV', Buffer.from('a,b\n1,2\n'), 'grants.csv', 'text/csv'],
    ['an email', Buffer.from('From: a@example.org\r\nSubject: Grant\r\n\r\nHello\r\n'), 'letter.eml', 'message/rfc822'],
  ])('accepts %s', async (_what, bytes, name, type) => {
    expect(await judgeDocumentType(bytes, name)).toBe(type);
  });

  it.each([
    ['an executable named .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'report.pdf'],
    ['HTML named .pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'report.pdf'],
    ['HTML named .txt', Buffer.from('<html><body>hi</body></html>'), 'notes.txt'],
    ['text named .pdf', Buffer.from('just text'), 'report.pdf'],
    ['binary junk', Buffer.from([0, 1, 2, 3, 4, 5]), 'x.txt'],
    ['text named .eml that is no email', Buffer.from('hello there'), 'x.eml'],
  ])('refuses %s', async (_what, bytes, name) => {
    expect(await judgeDocumentType(bytes, name)).toBeNull();
  });
});
