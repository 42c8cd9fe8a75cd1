import { AdminAuditPage, OutboxPage } from '@compact/application';
import { ADMIN_ACTIONS, AdminAuditEntry, EMAIL_MAX_LENGTH, MAIL_KINDS, Organisation, ORGANISATION_KINDS, OUTBOX_STATUSES, OutboxMessageSummary, OutboxRecipient, User, USER_ROLES } from '@compact/domain';
import { arrayOf, dateTime, freeObject, integer, nullable, objectOf, oneOfValues, ref, Schema, sha256Hex, text, uuid } from './schema-builders';

const email = (): Schema => text(undefined, { format: 'email', maxLength: EMAIL_MAX_LENGTH });
const apiToken = text('The API token: shown this once only (the service keeps only its hash). Send it as Authorization: Bearer <token>');

const UserSchema = objectOf<User>({
  id: uuid(),
  name: text(),
  email: email(),
  role: oneOfValues(USER_ROLES),
  organisationId: nullable(uuid(), 'Null for board members and administrators'),
  createdAt: dateTime(),
  deactivatedAt: nullable(dateTime(), 'When an administrator took the person’s access away; null while active'),
});

const OutboxRecipientSchema = objectOf<OutboxRecipient>(
  {
    address: email(),
    field: oneOfValues(['to', 'cc']),
    status: oneOfValues(['pending', 'sent', 'failed'], 'pending: still owed the message; sent: its server accepted it; failed: given up on'),
    response: nullable(text(), 'What the server last said about this recipient when it did not accept it'),
    at: nullable(dateTime(), 'When the recipient reached its status'),
  },
  { description: 'One recipient of a message, and how its delivery went' },
);

const OutboxMessageSchema = objectOf<OutboxMessageSummary>(
  {
    id: uuid(),
    caseId: nullable(uuid(), 'The case the message is about, if any'),
    kind: oneOfValues(MAIL_KINDS),
    status: oneOfValues(OUTBOX_STATUSES),
    to: arrayOf(email()),
    cc: arrayOf(email()),
    subject: text(),
    recipients: arrayOf(ref('OutboxRecipient')),
    attempts: integer('Delivery attempts so far', { minimum: 0 }),
    nextAttemptAt: dateTime(),
    lastError: nullable(text(), 'Why the last attempt failed'),
    topic: nullable(text(), 'What the message is about, e.g. the deadline it reminds of'),
    createdAt: dateTime(),
    sentAt: nullable(dateTime()),
    expiresAt: nullable(dateTime(), 'When the content stops being of use (a sign-in link expires); null when it never does'),
    erasedAt: nullable(dateTime(), 'When the body was erased (a sign-in link delivered or expired)'),
  },
  { description: 'A message in the outbox, without its body (never listed)' },
);

const AdminAuditEntrySchema = objectOf<AdminAuditEntry>(
  {
    seq: integer('Position in the administration trail, from 1', { minimum: 1 }),
    at: dateTime(),
    actor: {
      oneOf: [ref('UserActor'), ref('CliActor'), ref('SystemActor')],
      discriminator: {
        propertyName: 'type',
        mapping: { user: '#/components/schemas/UserActor', cli: '#/components/schemas/CliActor', system: '#/components/schemas/SystemActor' },
      },
    },
    action: oneOfValues(ADMIN_ACTIONS),
    subject: objectOf<AdminAuditEntry['subject']>({ type: oneOfValues(['organisation', 'user', 'outbox-message', 'annual-report']), id: uuid() }),
    details: freeObject('Names, email addresses, labels; never a token'),
    prevHash: sha256Hex('The hash of the entry before (64 zeros for the first)'),
    hash: sha256Hex(),
  },
  { description: 'One link of the administration trail' },
);

export const PEOPLE_SCHEMAS: Record<string, Schema> = {
  Organisation: objectOf<Organisation>({ id: uuid(), name: text(), kind: oneOfValues(ORGANISATION_KINDS), createdAt: dateTime() }),
  User: UserSchema,
  CreatedUser: objectOf<{ id: string; token: string; user: User }>({ id: uuid('The new user’s id'), token: apiToken, user: ref('User') }),
  IssuedToken: objectOf<{ id: string; token: string }>({ id: uuid('The user’s id'), token: apiToken }),
  OutboxMessage: OutboxMessageSchema,
  OutboxRecipient: OutboxRecipientSchema,
  OutboxPage: objectOf<OutboxPage>({
    items: arrayOf(ref('OutboxMessage'), 'Newest first'),
    nextCursor: nullable(text(), 'Pass as `cursor` for the next (older) page; null on the last page'),
  }),
  CliActor: objectOf<{ type: 'cli' }>({ type: oneOfValues(['cli']) }, { description: 'The command line' }),
  AdminAuditEntry: AdminAuditEntrySchema,
  AdminAuditPage: objectOf<AdminAuditPage>({
    items: arrayOf(ref('AdminAuditEntry'), 'Newest first'),
    nextCursor: nullable(text(), 'Pass as `cursor` for the next (older) page; null on the last page'),
  }),
};
