import { isIP } from 'node:net';
import { DocumentLimits, emailAddressProblem, isIsoDate } from '@compact/domain';
import { DEFAULT_WORKFLOW, WORKFLOWS } from '@compact/workflows';
import { DatabaseTarget, parseDatabaseUrl } from '@compact/persistence';
import { pageFileProblem, ServicePages } from './service-pages';

/** Express's `trust proxy` setting: trust nobody, everybody, a number of hops, or these addresses and subnets. */
export type TrustProxy = boolean | number | string[];

export const INSTANCE_ROLES = ['all', 'api', 'worker'] as const;
export type InstanceRole = (typeof INSTANCE_ROLES)[number];

export interface AppConfig {
  /** The address to listen on. */
  host: string;
  port: number;
  trustProxy: TrustProxy;
  database: DatabaseTarget;
  databaseUrl: string;
  compactFile: string;
  adminToken: string | null;
  adminEmail: string;
  publicUrl: string;
  deadlineUnit: 'working-days' | 'seconds';
  calendarClosures: string[];
  /** The workflow version new cases start on, e.g. `compact-dispute/v2`. */
  workflowDefault: string;
  /** What this instance does: `all` (HTTP and the pollers), `api` (HTTP only) or `worker` (the pollers, and /health). */
  role: InstanceRole;
  timerPollIntervalMs: number;
  timerBatchSize: number;
  /** How long a poll's claim on a due timer holds: past it (the instance died), another instance takes the timer. */
  timerClaimMs: number;
  /** SIGTERM: the longest the instance takes to drain and exit; past it, it exits anyway (status 1), naming what was cut short. */
  shutdownTimeoutMs: number;
  /** SIGTERM: how long the instance still accepts connections (answering /health 503) before refusing them, so a load balancer notices first. */
  shutdownNoticeMs: number;
  smtpUrl: string | null;
  mailDir: string;
  mailFrom: string;
  mailMaxAttempts: number;
  mailRetryBaseMs: number;
  mailSendTimeoutMs: number;
  /** How long a sending instance holds a message before another may take it; renewed while the send is in flight. */
  mailLeaseMs: number;
  mailConcurrency: number;
  outboxPollIntervalMs: number;
  /** DIGEST_HOUR: the hour (0-23, London time) at which the daily digests of those who chose one are sent. */
  digestHour: number;
  /** Sign-in links mailed per address, and requested per client address, in each window. */
  signInLimitPerAddress: number;
  signInLimitPerClient: number;
  signInLimitWindowMinutes: number;
  /** Unknown API tokens one client address may send in a window before it is refused (429) for the rest of it. */
  badTokenLimit: number;
  badTokenWindowMinutes: number;
  /** How long a feedback link (emailed when a case ends) can be used. */
  feedbackLinkDays: number;
  /** Feedback pages (opened or answered) one client address may ask for per sign-in window. */
  feedbackLimitPerClient: number;
  /** REGISTER: whether /register and its open data are public (the board previews it either way). */
  registerEnabled: boolean;
  /** REGISTER_MIN_COUNT: a figure from fewer cases than this is withheld on the register. */
  registerMinCount: number;
  /** The licence the register's open data is published under (REGISTER_LICENCE_NAME, _TITLE, _PATH). */
  registerLicence: { name: string; title: string; path: string };
  /** DOCUMENT_MAX_MB, CASE_DOCUMENTS_MAX_MB, DOCUMENTS_PER_EVENT, DOCUMENT_UPLOADS_PER_HOUR: what evidence documents may take. */
  documentLimits: DocumentLimits;
  /** The footer pages (accessibility statement, privacy notice, help): who runs the service, how to reach them, and any text of the deployment's own. */
  servicePages: ServicePages;
}

export const OPEN_GOVERNMENT_LICENCE = {
  name: 'OGL-UK-3.0',
  title: 'Open Government Licence v3.0',
  path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const;

function switchOf(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  problems.push(`${name}=${quoted(env[name]!)} must be on or off`);
  return fallback;
}

function registerLicence(env: Env, problems: string[]): AppConfig['registerLicence'] {
  const name = (env.REGISTER_LICENCE_NAME ?? '').trim() || OPEN_GOVERNMENT_LICENCE.name;
  const title = (env.REGISTER_LICENCE_TITLE ?? '').trim() || OPEN_GOVERNMENT_LICENCE.title;
  const path = (env.REGISTER_LICENCE_PATH ?? '').trim() || OPEN_GOVERNMENT_LICENCE.path;
  if (!/^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$/.test(name)) {
    problems.push(`REGISTER_LICENCE_NAME=${quoted(name)} must be a licence id of letters, digits, '.', '+', '_' and '-' (e.g. OGL-UK-3.0, CC-BY-4.0)`);
  }
  if (title.length > 200 || [...title].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) problems.push('REGISTER_LICENCE_TITLE must be at most 200 characters, with no control characters');
  if (!isUrl(path, ['http:', 'https:'])) problems.push(`REGISTER_LICENCE_PATH=${quoted(path)} must be the http(s) address of the licence's text`);
  return { name, title, path };
}

function servicePages(env: Env, adminEmail: string, problems: string[]): ServicePages {
  const optional = (name: string, max: number): string | null => {
    const value = (env[name] ?? '').trim();
    if (value === '') return null;
    if (value.length > max || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
      problems.push(`${name} must be at most ${max} characters, with no control characters`);
      return null;
    }
    return value;
  };
  const given = (env.SUPPORT_EMAIL ?? '').trim().toLowerCase();
  // Unset, it is ADMIN_EMAIL, whose own problem (if any) is reported under that name.
  const emailProblem = given === '' ? null : emailAddressProblem(given);
  if (emailProblem) problems.push(`SUPPORT_EMAIL=${quoted(given)} ${emailProblem}`);
  const supportEmail = given || adminEmail;
  const file = (name: string): string | null => {
    const value = (env[name] ?? '').trim();
    if (value === '') return null;
    const problem = pageFileProblem(name, value);
    if (problem) problems.push(problem);
    return problem ? null : value;
  };
  return {
    owner: optional('SERVICE_OWNER', 200) ?? 'the partners of the Compact',
    supportEmail,
    supportPhone: optional('SUPPORT_PHONE', 40),
    supportHours: optional('SUPPORT_HOURS', 200),
    files: { accessibility: file('ACCESSIBILITY_STATEMENT_FILE'), privacy: file('PRIVACY_NOTICE_FILE'), help: file('HELP_FILE') },
  };
}

/** Bad configuration: every problem at once, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const MB = 1024 * 1024;

function isUrl(value: string, protocols: string[]): boolean {
  if (/\s/.test(value) || !/^[a-z]+:\/\/[^/]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A value quoted for a message, every control or invisible character written as \\uXXXX (none reaches the terminal as it is). */
function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\uFFFD]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    problems.push(`${name}='${raw}' must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, or a subnet written address/prefix-length. */
function isAddressOrSubnet(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length > 0 && entries.every((e) => PROXY_NAMES.includes(e) || isAddressOrSubnet(e))) return entries;
  problems.push(
    `TRUST_PROXY='${raw}' must be false, true, a number of proxies (0 to 10), or a comma-separated list of proxy addresses or subnets ` +
      `(e.g. 10.0.0.1, 10.0.0.0/8, or ${PROXY_NAMES.join(', ')})`,
  );
  return false;
}

function listenHost(raw: string | undefined, problems: string[]): string {
  const value = raw === undefined || raw === '' ? '127.0.0.1' : raw;
  if (value === 'localhost' || isIP(value) !== 0) return value;
  problems.push(`HOST='${raw}' must be an IP address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every interface), or ::`);
  return '127.0.0.1';
}

/**
 * The one place the process environment is read (called once at start-up by each app).
 * Throws ConfigError naming every bad value.
 */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 1, 65535, problems);
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/compact.sqlite';
  let database: DatabaseTarget = { dialect: 'sqlite', path: './data/compact.sqlite' };
  try {
    database = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    problems.push((error as Error).message);
  }
  // PostgreSQL only (SQLite has one connection): connections per instance, and a bound on any one statement.
  const poolSize = integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200, problems);
  const statementTimeoutMs = integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 0, 0, 3_600_000, problems);
  if (database.dialect === 'postgres') database = { ...database, poolSize, statementTimeoutMs };
  const adminToken = env.ADMIN_TOKEN || null;
  if (adminToken !== null && (adminToken.length < 24 || /\s/.test(adminToken))) {
    problems.push('ADMIN_TOKEN must be at least 24 characters with no white space (use a long random value)');
  }
  const adminEmail = (env.ADMIN_EMAIL || 'admin@localhost').trim().toLowerCase();
  // The rule the API and the pages apply to every address.
  const adminEmailProblem = emailAddressProblem(adminEmail);
  if (adminEmailProblem) problems.push(`ADMIN_EMAIL=${quoted(adminEmail)} ${adminEmailProblem}`);
  const deadlineUnit = env.DEADLINE_UNIT || 'working-days';
  if (deadlineUnit !== 'working-days' && deadlineUnit !== 'seconds') {
    problems.push(`DEADLINE_UNIT='${deadlineUnit}' must be 'working-days' or 'seconds'`);
  }
  const installed = WORKFLOWS.map((w) => `${w.name}/v${w.version}`);
  const workflowDefault = env.WORKFLOW_DEFAULT || DEFAULT_WORKFLOW;
  if (!installed.includes(workflowDefault)) {
    problems.push(`WORKFLOW_DEFAULT='${workflowDefault}' must be one of the installed workflow versions: ${installed.join(', ')}`);
  }
  const calendarClosures = (env.CALENDAR_CLOSURES ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const date of calendarClosures) {
    if (!isIsoDate(date)) problems.push(`CALENDAR_CLOSURES: '${date}' is not a date written YYYY-MM-DD`);
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!isUrl(publicUrl, ['http:', 'https:'])) problems.push(`PUBLIC_URL='${publicUrl}' must be an http(s) URL`);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null && !isUrl(smtpUrl, ['smtp:', 'smtps:'])) {
    problems.push('SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
  }
  const mailFrom = env.MAIL_FROM || 'Compact disputes <no-reply@localhost>';
  const role = (env.ROLE || 'all') as InstanceRole;
  const timerPollIntervalMs = integer(env, 'TIMER_POLL_INTERVAL_MS', 1000, 50, 3_600_000, problems);
  const shutdownTimeoutMs = integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 1000, 600_000, problems);
  const shutdownNoticeMs = integer(env, 'SHUTDOWN_NOTICE_MS', 0, 0, 600_000, problems);
  if (shutdownNoticeMs >= shutdownTimeoutMs) {
    problems.push(`SHUTDOWN_NOTICE_MS=${shutdownNoticeMs} must be less than SHUTDOWN_TIMEOUT_MS=${shutdownTimeoutMs} (the notice is part of the time allowed to shut down)`);
  }
  if (!INSTANCE_ROLES.includes(role)) problems.push(`ROLE='${env.ROLE}' must be all, api (HTTP only) or worker (deadlines and mail only)`);
  const config: AppConfig = {
    host: listenHost(env.HOST, problems),
    port,
    trustProxy: trustProxy(env.TRUST_PROXY, problems),
    database,
    databaseUrl,
    compactFile: env.COMPACT_FILE || 'compacts/southampton.json',
    adminToken,
    adminEmail,
    publicUrl,
    deadlineUnit: deadlineUnit as AppConfig['deadlineUnit'],
    calendarClosures,
    workflowDefault,
    role: INSTANCE_ROLES.includes(role) ? role : 'all',
    timerPollIntervalMs,
    timerBatchSize: integer(env, 'TIMER_BATCH_SIZE', 100, 1, 10_000, problems),
    // Far longer than applying a batch takes, short enough that a dead instance's timers are soon taken up.
    timerClaimMs: integer(env, 'TIMER_CLAIM_MS', Math.max(30_000, 10 * timerPollIntervalMs), 1000, 36_000_000, problems),
    shutdownTimeoutMs,
    shutdownNoticeMs,
    smtpUrl,
    mailDir: env.MAIL_DIR || 'data/mail',
    mailFrom,
    mailMaxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 6, 1, 50, problems),
    mailRetryBaseMs: integer(env, 'MAIL_RETRY_BASE_MS', 30_000, 10, 86_400_000, problems),
    mailSendTimeoutMs: integer(env, 'MAIL_SEND_TIMEOUT_MS', 30_000, 100, 600_000, problems),
    mailLeaseMs: integer(env, 'MAIL_LEASE_MS', 10_000, 300, 600_000, problems),
    mailConcurrency: integer(env, 'MAIL_CONCURRENCY', 4, 1, 64, problems),
    outboxPollIntervalMs: integer(env, 'OUTBOX_POLL_INTERVAL_MS', 1000, 50, 3_600_000, problems),
    digestHour: integer(env, 'DIGEST_HOUR', 8, 0, 23, problems),
    signInLimitPerAddress: integer(env, 'SIGN_IN_LIMIT_PER_ADDRESS', 5, 1, 100_000, problems),
    signInLimitPerClient: integer(env, 'SIGN_IN_LIMIT_PER_CLIENT', 20, 1, 100_000, problems),
    signInLimitWindowMinutes: integer(env, 'SIGN_IN_LIMIT_WINDOW_MINUTES', 15, 1, 1440, problems),
    badTokenLimit: integer(env, 'BAD_TOKEN_LIMIT', 10, 1, 100_000, problems),
    badTokenWindowMinutes: integer(env, 'BAD_TOKEN_WINDOW_MINUTES', 15, 1, 1440, problems),
    feedbackLinkDays: integer(env, 'FEEDBACK_LINK_DAYS', 90, 1, 3650, problems),
    feedbackLimitPerClient: integer(env, 'FEEDBACK_LIMIT_PER_CLIENT', 60, 1, 100_000, problems),
    registerEnabled: switchOf(env, 'REGISTER', true, problems),
    registerMinCount: integer(env, 'REGISTER_MIN_COUNT', 5, 2, 1000, problems),
    registerLicence: registerLicence(env, problems),
    documentLimits: {
      fileBytes: integer(env, 'DOCUMENT_MAX_MB', 20, 1, 1024, problems) * MB,
      caseBytes: integer(env, 'CASE_DOCUMENTS_MAX_MB', 200, 1, 100_000, problems) * MB,
      filesPerEvent: integer(env, 'DOCUMENTS_PER_EVENT', 10, 1, 100, problems),
      uploadsPerHour: integer(env, 'DOCUMENT_UPLOADS_PER_HOUR', 100, 1, 100_000, problems),
    },
    servicePages: servicePages(env, adminEmail, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
