export * from './templates/html-escape';
export * from './templates/case-mail';
export * from './transport/mail-transport';
export * from './transport/smtp-mail-transport';
export * from './transport/eml-file-mail-transport';
export * from './templates/sign-in-mail';
export * from './templates/token-issued-mail';
export * from './templates/feedback-invitation-mail';
