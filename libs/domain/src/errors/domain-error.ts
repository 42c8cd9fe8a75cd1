import { ErrorCode } from './error-code';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `undertakings[1]` or `type`. */
  field: string;
  message: string;
}

export interface DomainErrorDetails {
  errors?: FieldError[];
  allowedEvents?: string[];
  currentVersion?: number;
  [key: string]: unknown;
}

/** An expected failure with a stable code; the edge maps it to an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(errors: FieldError[], message?: string): DomainError {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new DomainError(ErrorCode.VALIDATION_FAILED, message ?? `Invalid input: ${fields}`, { errors });
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} '${id}' was not found`);
  }
}
