import { tmpdir } from 'node:os';
import { unlink } from 'node:fs/promises';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CountUploadUseCase, UploadedFile } from '@compact/application';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { DomainError, ErrorCode } from '@compact/domain';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { finalize, Observable } from 'rxjs';

/** The multipart field that carries the file. */
export const FILE_FIELD = 'file';

type WithUpload = AuthenticatedRequest & { upload?: UploadedFile; file?: Express.Multer.File };

/** The upload the interceptor left on the request. */
export const uploadOf = (req: Request): UploadedFile => (req as WithUpload).upload!;

/**
 * Reads a multipart/form-data body with one file in the field `file`, streamed by multer to a
 * temporary file (never held in memory), at most DOCUMENT_MAX_MB; the temporary file is deleted
 * when the request ends, however it ends. Runs after the guards: nobody unauthenticated or
 * without the role gets a byte written, nor anyone past their uploads for the hour
 * (DOCUMENT_UPLOADS_PER_HOUR). Every refusal is a problem with a stable code.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly read: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly countUpload: CountUploadUseCase,
  ) {
    this.read = multer({
      storage: multer.diskStorage({ destination: tmpdir() }),
      defParamCharset: 'utf8',
      limits: { fileSize: config.documentLimits.fileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
    }).single(FILE_FIELD);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<WithUpload>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!req.is('multipart/form-data')) {
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the document as multipart/form-data, the file in the field "${FILE_FIELD}"`);
    }
    // Counted before a byte is read: past DOCUMENT_UPLOADS_PER_HOUR the upload is refused unread.
    await this.countUpload.execute(req.caller!);
    await new Promise<void>((resolve, reject) => this.read(req, res, (error?: unknown) => (error ? reject(this.problemOf(error)) : resolve())));
    const file = req.file;
    if (!file) throw DomainError.validation([{ field: FILE_FIELD, message: `is required: send the document in the multipart field "${FILE_FIELD}"` }]);
    req.upload = { path: file.path, originalName: file.originalname, size: file.size };
    return next.handle().pipe(finalize(() => void unlink(file.path).catch(() => undefined)));
  }

  private problemOf(error: unknown): DomainError {
    if (error instanceof MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') {
        const mb = this.config.documentLimits.fileBytes / (1024 * 1024);
        return new DomainError(ErrorCode.DOCUMENT_TOO_LARGE, `A document may be at most ${mb.toFixed(1)} MB; this one is larger`);
      }
      if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE') {
        return DomainError.validation([{ field: FILE_FIELD, message: `send one file at a time, in the field "${FILE_FIELD}"` }]);
      }
      return DomainError.validation([{ field: '(body)', message: `the multipart body has more than a document needs (${error.message})` }]);
    }
    return DomainError.validation([{ field: '(body)', message: 'the multipart body could not be read' }]);
  }
}
