import { ErrorCode } from '@compact/domain';
import { HttpException, HttpStatus } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { BODY_LIMIT_KB, bodyProblemOf, FORM_FIELD_LIMIT } from '../http/body-errors';
import { bodyShapeProblem } from '../http/body-shape';

export const GO_BACK = 'Nothing was saved. Go back and try again.';

/** What a person is told (and the status) when a form cannot be read. */
function refusal(error: unknown): HttpException {
  const problem = bodyProblemOf(error);
  const type = (error as { type?: unknown })?.type;
  if (type === 'parameters.too.many') {
    return new HttpException(`The form had more than ${FORM_FIELD_LIMIT} fields, which no form of this service has. ${GO_BACK}`, HttpStatus.PAYLOAD_TOO_LARGE);
  }
  switch (problem?.code) {
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return new HttpException(`The form was too large to send (more than ${BODY_LIMIT_KB} kB). Shorten what you wrote. ${GO_BACK}`, HttpStatus.PAYLOAD_TOO_LARGE);
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return new HttpException(`The form was sent in a way this service cannot read (send it as UTF-8, uncompressed). ${GO_BACK}`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    default:
      return new HttpException(`The form could not be read. ${GO_BACK}`, HttpStatus.BAD_REQUEST);
  }
}

/** The refusal of a read form that holds what cannot be stored; undefined when it holds none. */
export function formShapeRefusal(body: unknown): HttpException | undefined {
  return body !== undefined && bodyShapeProblem(body, 2) ? new HttpException(`The form held characters that cannot be stored. ${GO_BACK}`, HttpStatus.BAD_REQUEST) : undefined;
}

/**
 * Form bodies of the pages: URL-encoded, at most 100 kB and 500 fields, every value storable text.
 * A form that cannot be read is answered with the error page and a 4xx status (never a 500), and
 * nothing behind it runs. Forms with files (multipart) are read by PageUploadReader, once the
 * person is known.
 */
export function pageFormBody(): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: `${BODY_LIMIT_KB}kb`, parameterLimit: FORM_FIELD_LIMIT });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      next(error ? refusal(error) : formShapeRefusal(req.body));
    });
}
