import { DomainErrorDetails, ErrorCode, FieldError, OUTBOX_STATUSES } from '@compact/domain';
import { problem, Problem } from '../http/problem-details';
import { arrayOf, integer, objectOf, oneOfValues, Schema, text, uuid } from './schema-builders';

/** When each code is answered, and an example of it (its extension members as the service sends them). */
interface ProblemDoc {
  when: string;
  detail: string;
  instance: string;
  extra?: Record<string, unknown>;
}

const CASE = '/api/v1/cases/2f0f6f4e-5d1c-4b8e-9a51-0c7b6f1d2e3a';

export const PROBLEM_DOCS: Record<ErrorCode, ProblemDoc> = {
  [ErrorCode.VALIDATION_FAILED]: {
    when: 'wrong types, unknown fields, bad values, nesting deeper than 32, text that is not Unicode or holds NUL; `errors` names each field',
    detail: 'Invalid input: title',
    instance: '/api/v1/cases',
    extra: { errors: [{ field: 'title', message: 'title must not be blank' }] },
  },
  [ErrorCode.MALFORMED_JSON]: {
    when: 'the body is not JSON, or not what its Content-Encoding says',
    detail: 'The request body is not valid JSON',
    instance: '/api/v1/cases',
  },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { when: 'the body is over 100 kB', detail: 'The request body is larger than 100 kB', instance: '/api/v1/cases' },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: {
    when: 'the body is not application/json',
    detail: 'The API accepts application/json bodies only',
    instance: '/api/v1/cases',
  },
  [ErrorCode.UNAUTHENTICATED]: { when: 'no API token, or an unknown one', detail: 'The API token is not valid', instance: '/api/v1/cases' },
  [ErrorCode.TOO_MANY_REQUESTS]: {
    when: 'too many unknown API tokens came from your address in the window; wait for `Retry-After` seconds',
    detail: 'Too many requests with an API token that is not valid came from your address.',
    instance: '/api/v1/cases',
  },
  [ErrorCode.FORBIDDEN]: {
    when: 'your role may not do this',
    detail: 'This needs the role admin; you are signed in as party',
    instance: '/api/v1/users',
  },
  [ErrorCode.FORBIDDEN_EVENT]: {
    when: 'you may not send this event; `allowedEvents` lists what you may',
    detail: 'ACKNOWLEDGE may be sent only by the respondent',
    instance: `${CASE}/events`,
    extra: { allowedEvents: ['ADD_NOTE', 'WITHDRAW'] },
  },
  [ErrorCode.NOT_FOUND]: { when: 'no such id, or a case you may not see', detail: "Case '2f0f6f4e-5d1c-4b8e-9a51-0c7b6f1d2e3a' was not found", instance: CASE },
  [ErrorCode.ALREADY_EXISTS]: {
    when: 'the name (ignoring case) or email address is taken; for an organisation `id` names the existing one',
    detail: "An organisation named 'Hope Community Trust' already exists",
    instance: '/api/v1/organisations',
    extra: { id: '8d2b1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' },
  },
  [ErrorCode.TRANSITION_NOT_ALLOWED]: {
    when: 'not possible in the current state; `allowedEvents` and `state` say what is possible and where the case is (for mail, `messageStatus`)',
    detail: "REFER_TO_MEDIATION is not possible while the case is 'raised.awaitingAcknowledgement'",
    instance: `${CASE}/events`,
    extra: { allowedEvents: ['ACKNOWLEDGE', 'ADD_NOTE'], state: 'raised.awaitingAcknowledgement' },
  },
  [ErrorCode.MESSAGE_EXPIRED]: {
    when: 'a failed sign-in or invitation message is asked to be retried after its link expired (ask for a new link instead)',
    detail: 'This sign-in link has expired: ask for a new one on the sign-in page',
    instance: '/api/v1/outbox/2f0f6f4e-5d1c-4b8e-9a51-0c7b6f1d2e3a/retry',
  },
  [ErrorCode.VERSION_CONFLICT]: {
    when: '`If-Match` names another version, or the case changed meanwhile; `currentVersion` says which is current',
    detail: 'The case is at version 4, not 3; reload it and decide again',
    instance: `${CASE}/events`,
    extra: { currentVersion: 4 },
  },
  [ErrorCode.SELF_DEACTIVATION]: {
    when: 'an administrator tried to deactivate themselves',
    detail: 'You cannot deactivate yourself; another administrator can',
    instance: '/api/v1/users/8d2b1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/deactivate',
  },
  [ErrorCode.USER_DEACTIVATED]: {
    when: 'the person was deactivated',
    detail: 'jo.smith@example.org was deactivated; a deactivated person gets no token',
    instance: '/api/v1/users/8d2b1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/tokens',
  },
  [ErrorCode.PRECONDITION_INVALID]: { when: 'a precondition header cannot be read', detail: 'Bad precondition', instance: `${CASE}/events` },
  [ErrorCode.DOCUMENT_TOO_LARGE]: {
    when: 'an uploaded file is larger than a file may be (DOCUMENT_MAX_MB, 20 MB by default); nothing was stored',
    detail: 'A document may be at most 20 MB; this one is larger',
    instance: `${CASE}/documents`,
  },
  [ErrorCode.CASE_DOCUMENTS_FULL]: {
    when: 'the file would take the case past what a case may hold (CASE_DOCUMENTS_MAX_MB, 200 MB by default); nothing was stored',
    detail: 'A case may hold at most 200 MB of documents; this one holds 195.2 MB, and the file is 6.0 MB',
    instance: `${CASE}/documents`,
  },
  [ErrorCode.TOO_MANY_DOCUMENTS]: {
    when: 'an event cites more documents than an event may (DOCUMENTS_PER_EVENT, 10 by default)',
    detail: 'An event may cite at most 10 documents; this one cites 12',
    instance: `${CASE}/events`,
  },
  [ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED]: {
    when: 'the file’s content is not one of the accepted types (PDF, Word, Excel, OpenDocument, plain text, CSV, PNG, JPEG, email), whatever its name says',
    detail: 'report.pdf is not a PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml) file',
    instance: `${CASE}/documents`,
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: { when: 'the database does not answer', detail: 'The database does not answer: connection refused', instance: '/health' },
  [ErrorCode.INTERNAL]: { when: 'a fault of ours; nothing was saved', detail: 'Something went wrong on our side; nothing was saved', instance: '/api/v1/cases' },
};

export const problemExample = (code: ErrorCode): Problem => {
  const doc = PROBLEM_DOCS[code];
  return problem(code, doc.detail, doc.instance, doc.extra);
};

/** The members a problem can have: the standard ones, and the extensions some codes add. */
type ProblemMembers = Pick<Problem, 'type' | 'title' | 'status' | 'code' | 'detail' | 'instance'> &
  Pick<DomainErrorDetails, 'errors' | 'allowedEvents' | 'currentVersion'> & { state?: string; messageStatus?: string; id?: string; retryAfterSeconds?: number };

/** RFC 9457 problem details, as apps/server/src/http/problem-details.ts builds them. */
export const PROBLEM_SCHEMA: Schema = objectOf<ProblemMembers>(
  {
    type: text('A URN naming the kind of problem, e.g. urn:compact-disputes:problem:not-found', { format: 'uri' }),
    title: text('A short, fixed summary of the code'),
    status: integer('The HTTP status', { minimum: 400, maximum: 599 }),
    code: oneOfValues(Object.values(ErrorCode), 'The stable, machine-readable code: match on this'),
    detail: text('What went wrong, for a person'),
    instance: text('The path (and query) of the request'),
    errors: arrayOf(objectOf<FieldError>({ field: text('Dotted path of the field, e.g. undertakings[1]'), message: text() }), 'VALIDATION_FAILED: each field that is wrong'),
    allowedEvents: arrayOf(text(), 'FORBIDDEN_EVENT, TRANSITION_NOT_ALLOWED: the events you may send now'),
    currentVersion: integer('VERSION_CONFLICT: the version the case is at', { minimum: 1 }),
    state: text('TRANSITION_NOT_ALLOWED: the state path the case is in'),
    messageStatus: oneOfValues(OUTBOX_STATUSES, 'TRANSITION_NOT_ALLOWED on a mail retry: the message’s status'),
    id: uuid('ALREADY_EXISTS on an organisation: the existing one'),
    retryAfterSeconds: integer('TOO_MANY_REQUESTS on an upload: seconds until you may upload again (also in Retry-After)', { minimum: 1 }),
  },
  {
    optional: ['errors', 'allowedEvents', 'currentVersion', 'state', 'messageStatus', 'id', 'retryAfterSeconds'],
    description: 'An error (application/problem+json). Clients match on `code`; the extension members appear with the codes named.',
  },
);
