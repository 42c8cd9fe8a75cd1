import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { HttpException, HttpStatus, SetMetadata } from '@nestjs/common';
import { CountUploadUseCase, documentTooLarge, tooManyDocuments, UploadedFile } from '@compact/application';
import { cleanDocumentName, DocumentLimits, DomainError, ErrorCode } from '@compact/domain';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { BODY_LIMIT_KB, FORM_FIELD_LIMIT } from '../http/body-errors';
import { formExpired, formTokenMatches } from './form-token';
import { formShapeRefusal, GO_BACK } from './page-form-body';
import type { WebRequest } from './web-request';

/** The file input of the pages' forms. */
export const DOCUMENTS_FIELD = 'documents';

/** How the temporary files of the pages' uploads are named (in os.tmpdir()). */
export const PAGE_UPLOAD_PREFIX = 'compact-page-upload-';

export const TAKES_DOCUMENTS = 'compact:web-takes-documents';
/** The page's form may be sent as multipart/form-data, with files in the field `documents`. */
export const TakesDocuments = () => SetMetadata(TAKES_DOCUMENTS, true);

/** The files a form brought, and why they were not all taken (past a limit) if they were not. */
export interface PageUpload {
  files: UploadedFile[];
  /** DOCUMENT_TOO_LARGE, TOO_MANY_DOCUMENTS or TOO_MANY_REQUESTS (uploads an hour): the form's other fields are there, its files are not. */
  refusal: DomainError | null;
}

/** What the form brought (nothing, for a form sent without files or URL-encoded). */
export const uploadOf = (req: WebRequest): PageUpload => req.upload ?? { files: [], refusal: null };

/** A form the service cannot read, with the error page's words. */
const unreadable = (words: string, status = HttpStatus.BAD_REQUEST) => new HttpException(`${words} ${GO_BACK}`, status);

/**
 * Reads a page's multipart/form-data form: its fields into `req.body` (at most as many and as long
 * as a URL-encoded form's), its files streamed by multer to temporary files (never held in
 * memory), each at most DOCUMENT_MAX_MB and at most DOCUMENTS_PER_EVENT of them. A file is taken
 * only after the form's `_csrf` field (the forms put it first) has matched the person's token (a
 * forged form gets no byte written), and is counted, before a byte of it is read, against the
 * person's DOCUMENT_UPLOADS_PER_HOUR as an upload to the API is. A file past a limit leaves the rest of the form readable and
 * the refusal in `req.upload`, for the page to show with what was typed. The temporary files are
 * deleted when the response ends, however it ends.
 */
export class PageUploadReader {
  private readonly parse: RequestHandler;

  constructor(
    private readonly limits: DocumentLimits,
    countUpload: CountUploadUseCase,
  ) {
    this.parse = multer({
      storage: multer.diskStorage({ destination: tmpdir(), filename: (_req, _file, done) => done(null, `${PAGE_UPLOAD_PREFIX}${randomUUID()}`) }),
      defParamCharset: 'utf8',
      fileFilter: (req, file, done) => {
        if (file.fieldname !== DOCUMENTS_FIELD) return done(new MulterError('LIMIT_UNEXPECTED_FILE', file.fieldname));
        const { csrfToken, webCaller } = req as WebRequest;
        if (!webCaller || !formTokenMatches(req.body, csrfToken ?? '')) return done(formExpired());
        countUpload.execute(webCaller).then(() => done(null, true), done);
      },
      limits: {
        fileSize: limits.fileBytes,
        files: limits.filesPerEvent,
        fields: FORM_FIELD_LIMIT,
        fieldSize: BODY_LIMIT_KB * 1024,
        parts: FORM_FIELD_LIMIT + limits.filesPerEvent,
        headerPairs: 100,
      },
    }).any();
  }

  async read(req: WebRequest, res: Response): Promise<void> {
    const error = await new Promise<unknown>((resolve) => this.parse(req as Request, res, resolve));
    const refusal = this.refusalOf(error);
    const files = ((req as Request).files as Express.Multer.File[] | undefined) ?? [];
    if (files.length > 0) res.once('close', () => void Promise.all(files.map((f) => unlink(f.path).catch(() => undefined))));
    const shape = formShapeRefusal(req.body);
    if (shape) throw shape;
    req.upload = { files: refusal ? [] : files.map((f) => ({ path: f.path, originalName: f.originalname, size: f.size })), refusal };
  }

  /** A limit a person can meet (shown on the form), or, for anything else, the error itself thrown. */
  private refusalOf(error: unknown): DomainError | null {
    if (!error) return null;
    if (error instanceof DomainError) {
      if (error.code === ErrorCode.TOO_MANY_REQUESTS) return error;
      throw error;
    }
    if (error instanceof MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return documentTooLarge(cleanDocumentName((error as MulterError & { filename?: string }).filename ?? ''), this.limits.fileBytes);
        case 'LIMIT_FILE_COUNT':
          return tooManyDocuments(this.limits.filesPerEvent);
        case 'LIMIT_FIELD_VALUE':
        case 'LIMIT_FIELD_COUNT':
        case 'LIMIT_PART_COUNT':
          throw unreadable(`The form was too large to send (a field of more than ${BODY_LIMIT_KB} kB, or more than ${FORM_FIELD_LIMIT} fields). Shorten what you wrote.`, HttpStatus.PAYLOAD_TOO_LARGE);
      }
    }
    throw unreadable('The form could not be read.');
  }
}
