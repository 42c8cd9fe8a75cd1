import { emailAddressProblem, isIsoDate } from '@compact/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** How NotBlank reads in the OpenAPI document. */
export const NOT_BLANK = { minLength: 1, pattern: '\\S' } as const;

/** A string with at least one non-space character. */
export function NotBlank(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'notBlank',
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must not be blank`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && v.trim() !== '' },
    });
}

/** A real calendar date written YYYY-MM-DD. */
export function IsLocalDate(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: property,
      options: { message: `${property} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v) },
    });
}

/** The one email rule (`emailAddressProblem`): length, address syntax, no control or invisible characters. */
export function IsEmailAddress(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: property,
      options: { message: ({ value }) => `${property} ${emailAddressProblem(value)}`, ...options },
      validator: { validate: (v: unknown) => emailAddressProblem(v) === null },
    });
}
