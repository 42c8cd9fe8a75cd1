import { DomainError, ErrorCode } from '@compact/domain';
import { documentAbout, documentRefusalText, sizeText, uploadHint } from './document-words';

describe('document words', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [24_300, '24 KB'],
    [1024 * 1024 - 1, '1024 KB'],
    [1024 * 1024, '1 MB'],
    [1.44 * 1024 * 1024, '1.4 MB'],
    [20 * 1024 * 1024, '20 MB'],
  ])('says %d bytes as "%s"', (bytes, words) => {
    expect(sizeText(bytes)).toBe(words);
  });

  it('names the type and size of a document', () => {
    expect(documentAbout({ contentType: 'application/pdf', size: 24_576 })).toBe('PDF, 24 KB');
    expect(documentAbout({ contentType: 'application/x-unknown', size: 10 })).toBe('File, 10 bytes');
  });

  it('states the limits in the hint', () => {
    expect(uploadHint({ fileBytes: 20 * 1024 * 1024, caseBytes: 1, filesPerEvent: 10, uploadsPerHour: 1 })).toBe(
      'You can attach up to 10 files, each up to 20 MB: PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml).',
    );
    expect(uploadHint({ fileBytes: 1024 * 1024, caseBytes: 1, filesPerEvent: 1, uploadsPerHour: 1 })).toMatch(/^You can attach one file of up to 1 MB: PDF/);
  });

  it('shows the refusals of files, and nothing for other errors', () => {
    expect(documentRefusalText(new DomainError(ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED, 'x.pdf must be a PDF'))).toBe('x.pdf must be a PDF');
    expect(documentRefusalText(DomainError.validation([{ field: 'file', message: 'x.txt is empty' }]))).toBe('x.txt is empty');
    expect(documentRefusalText(DomainError.validation([{ field: 'note', message: 'is required' }]))).toBeNull();
    expect(documentRefusalText(new DomainError(ErrorCode.VERSION_CONFLICT, 'moved'))).toBeNull();
    expect(documentRefusalText(new Error('boom'))).toBeNull();
  });
});
