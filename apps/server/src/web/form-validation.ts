import type { Type } from '@nestjs/common';
import { DomainError, ErrorCode, FieldError } from '@compact/domain';
import { ApiValidationPipe } from '../http/validation.pipe';

/** How a page names one field of a form. */
export interface FieldWording {
  /** The id of the field's control on the page: the error summary links to it. */
  id: string;
  /** What a person reads when the API's rules refuse the field (given what they typed). */
  message: string | ((value: unknown) => string);
}

/** The wording of every field of a request DTO, in the order the form shows them. */
export type FormWording<T> = { [K in keyof T & string]-?: FieldWording };

export type FormResult<T> = { valid: true; value: T } | { valid: false; errors: FieldError[] };

const pipe = new ApiValidationPipe();

/**
 * The API's field errors in a page's terms: one per field, in the form's order, each `field` the
 * id of the control to fix. `wording` gives each field's message; `asGiven` keeps the message of
 * the error instead (a use case's own sentence, e.g. "a party user must belong to an organisation").
 */
export function pageErrors<T>(errors: readonly FieldError[], wording: FormWording<T>, asGiven = false, values: Partial<Record<string, unknown>> = {}): FieldError[] {
  const order = Object.keys(wording) as Array<keyof T & string>;
  const refused = new Map<string, FieldError>();
  for (const error of errors) {
    const key = error.field.replace(/[.[].*$/, '');
    if (!refused.has(key)) refused.set(key, error);
  }
  return order
    .filter((key) => refused.has(key))
    .map((key) => {
      const { id, message } = wording[key];
      if (asGiven) {
        const text = refused.get(key)!.message;
        return { field: id, message: text.charAt(0).toUpperCase() + text.slice(1) };
      }
      return { field: id, message: typeof message === 'string' ? message : message(values[key]) };
    });
}

/**
 * Validates a form the way the API validates its body: the fields go through the API's own
 * validation pipe into the API's request DTO (the same class-validator rules, unknown fields
 * refused), so a page and the API refuse the same input. A refusal comes back in the page's
 * wording, ready for the GOV.UK error summary.
 */
export async function validateForm<T extends object>(dto: Type<T>, input: { [K in keyof T]?: unknown }, wording: FormWording<T>): Promise<FormResult<T>> {
  try {
    return { valid: true, value: (await pipe.transform(input, { type: 'body', metatype: dto })) as T };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
    return { valid: false, errors: pageErrors(error.details.errors ?? [], wording, false, input) };
  }
}
