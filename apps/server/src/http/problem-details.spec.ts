import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { DomainError, ErrorCode } from '@compact/domain';
import { STATUS_OF, toProblem } from './problem-details';

const INSTANCE = '/api/cases/abc/events';

describe('STATUS_OF', () => {
  it('has a status for every error code', () => {
    expect(Object.keys(STATUS_OF).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each([
    [ErrorCode.VALIDATION_FAILED, 400],
    [ErrorCode.MALFORMED_JSON, 400],
    [ErrorCode.PAYLOAD_TOO_LARGE, 400],
    [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415],
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.FORBIDDEN_EVENT, 403],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.ALREADY_EXISTS, 409],
    [ErrorCode.TRANSITION_NOT_ALLOWED, 409],
    [ErrorCode.VERSION_CONFLICT, 409],
    [ErrorCode.SELF_DEACTIVATION, 409],
    [ErrorCode.USER_DEACTIVATED, 409],
    [ErrorCode.TOO_MANY_REQUESTS, 429],
    [ErrorCode.PRECONDITION_INVALID, 400],
    [ErrorCode.SERVICE_UNAVAILABLE, 503],
    [ErrorCode.INTERNAL, 500],
  ])('maps %s to %p', (code, status) => {
    expect(STATUS_OF[code]).toBe(status);
  });
});

describe('toProblem: domain errors', () => {
  it.each(Object.values(ErrorCode))('turns a DomainError %s into its problem', (code) => {
    const { problem, internal } = toProblem(new DomainError(code, 'What happened'), INSTANCE);
    expect(problem).toMatchObject({
      type: `urn:compact-disputes:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      status: STATUS_OF[code],
      code,
      detail: 'What happened',
      instance: INSTANCE,
    });
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.title.length).toBeGreaterThan(0);
    expect(internal).toBe(code === ErrorCode.INTERNAL);
  });

  it('carries the details as extension members', () => {
    const { problem } = toProblem(
      new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, 'Not now', { allowedEvents: ['ADD_NOTE'], state: 'negotiation.discussing' }),
      INSTANCE,
    );
    expect(problem).toMatchObject({ status: 409, allowedEvents: ['ADD_NOTE'], state: 'negotiation.discussing' });
    const validation = toProblem(DomainError.validation([{ field: 'type', message: 'unknown' }]), INSTANCE).problem;
    expect(validation).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'type', message: 'unknown' }] });
  });

  it('never lets details override the standard members', () => {
    const { problem } = toProblem(
      new DomainError(ErrorCode.NOT_FOUND, 'Gone', { status: 200, code: 'OK', type: 'x', instance: '/elsewhere' }),
      INSTANCE,
    );
    expect(problem).toMatchObject({ status: 404, code: ErrorCode.NOT_FOUND, instance: INSTANCE });
    expect(problem.type).toBe('urn:compact-disputes:problem:not-found');
  });
});

describe('toProblem: body-parser errors', () => {
  it.each([
    ['entity.parse.failed', ErrorCode.MALFORMED_JSON, 400],
    ['entity.too.large', ErrorCode.PAYLOAD_TOO_LARGE, 400],
    ['encoding.unsupported', ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415],
    ['charset.unsupported', ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415],
    ['request.aborted', ErrorCode.VALIDATION_FAILED, 400],
  ])('maps %s to %s (%p)', (type, code, status) => {
    const error = Object.assign(new Error('raw parser message'), { type, status: 400, body: '{oops' });
    const { problem, internal } = toProblem(error, INSTANCE);
    expect(problem).toMatchObject({ code, status, instance: INSTANCE });
    expect(problem.detail).not.toContain('raw parser message');
    expect(internal).toBe(false);
  });
});

describe('toProblem: Nest HTTP exceptions', () => {
  it.each([
    [new BadRequestException('bad'), ErrorCode.VALIDATION_FAILED, 400],
    [new UnauthorizedException(), ErrorCode.UNAUTHENTICATED, 401],
    [new ForbiddenException(), ErrorCode.FORBIDDEN, 403],
    [new NotFoundException('Cannot GET /nope'), ErrorCode.NOT_FOUND, 404],
    [new MethodNotAllowedException(), ErrorCode.NOT_FOUND, 404],
    [new PayloadTooLargeException(), ErrorCode.PAYLOAD_TOO_LARGE, 400],
    [new UnsupportedMediaTypeException(), ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415],
  ])('maps %p to %s', (error, code, status) => {
    const { problem, internal } = toProblem(error, INSTANCE);
    expect(problem).toMatchObject({ code, status });
    expect(internal).toBe(false);
  });

  it('names the path in a 404 instead of echoing the framework message', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), '/nope').problem.detail).toBe('Nothing is at /nope');
  });

  it.each([new InternalServerErrorException(), new ConflictException(), new HttpException('teapot', 418)])(
    'treats an unmapped HttpException (%p) as our fault: 500 INTERNAL',
    (error) => {
      const { problem, internal } = toProblem(error, INSTANCE);
      expect(problem).toMatchObject({ code: ErrorCode.INTERNAL, status: 500 });
      expect(internal).toBe(true);
    },
  );
});

describe('toProblem: anything else is 500 INTERNAL, never 400', () => {
  it.each([
    ['an Error', new Error('SQLITE_CONSTRAINT: secret detail')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
    ['a plain object', { message: 'x' }],
    ['an object with an unknown type', { type: 'stream.not.readable' }],
    ['an error whose type is an Object.prototype name', Object.assign(new Error('x'), { type: 'toString' })],
    ['an error whose type is constructor', { type: 'constructor' }],
  ])('maps %s to 500 without leaking its message', (_what, error) => {
    const { problem, internal } = toProblem(error, INSTANCE);
    expect(problem).toEqual({
      type: 'urn:compact-disputes:problem:internal',
      title: 'Internal error',
      status: 500,
      code: ErrorCode.INTERNAL,
      detail: 'Something went wrong on our side; nothing was saved',
      instance: INSTANCE,
    });
    expect(internal).toBe(true);
  });
});
