import { BAD_EMAIL_ADDRESSES, GOOD_EMAIL_ADDRESSES } from '../../../../test/support/email-addresses.fixture';
import { AppConfig, ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.name).toBe('ConfigError');
    expect(e.message.startsWith('Configuration is not valid:')).toBe(true);
    for (const p of e.problems) expect(e.message).toContain(p);
    return e.problems;
  }
  throw new Error('expected a ConfigError');
}

const GOOD_TOKEN = 'x'.repeat(24);

describe('loadConfig: defaults', () => {
  it('runs on an empty environment', () => {
    const expected: Partial<AppConfig> = {
      port: 3000,
      database: { dialect: 'sqlite', path: './data/compact.sqlite' },
      databaseUrl: 'sqlite:./data/compact.sqlite',
      compactFile: 'compacts/southampton.json',
      adminToken: null,
      publicUrl: 'http://localhost:3000',
      deadlineUnit: 'working-days',
      calendarClosures: [],
      timerPollIntervalMs: 1000,
      timerBatchSize: 100,
      smtpUrl: null,
      mailDir: 'data/mail',
      mailFrom: 'Compact disputes <no-reply@localhost>',
    };
    expect(loadConfig({})).toMatchObject(expected);
  });

  it('treats empty strings as unset', () => {
    const env = Object.fromEntries(
      ['PORT', 'DATABASE_URL', 'ADMIN_TOKEN', 'DEADLINE_UNIT', 'CALENDAR_CLOSURES', 'PUBLIC_URL', 'SMTP_URL', 'TIMER_POLL_INTERVAL_MS', 'TIMER_BATCH_SIZE', 'MAIL_DIR', 'MAIL_FROM', 'COMPACT_FILE'].map(
        (k) => [k, ''],
      ),
    );
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('reads every value given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/compact',
      ADMIN_TOKEN: GOOD_TOKEN,
      DEADLINE_UNIT: 'seconds',
      CALENDAR_CLOSURES: ' 2026-12-24, ,2026-12-31,',
      PUBLIC_URL: 'https://disputes.example.org//',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      TIMER_POLL_INTERVAL_MS: '50',
      TIMER_BATCH_SIZE: '10000',
      MAIL_DIR: '/var/mail/out',
      MAIL_FROM: 'Disputes <d@example.org>',
      COMPACT_FILE: 'compacts/other.json',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { dialect: 'postgres', url: 'postgres://app:secret@db.internal:5432/compact' },
      databaseUrl: 'postgres://app:secret@db.internal:5432/compact',
      compactFile: 'compacts/other.json',
      adminToken: GOOD_TOKEN,
      publicUrl: 'https://disputes.example.org',
      deadlineUnit: 'seconds',
      calendarClosures: ['2026-12-24', '2026-12-31'],
      timerPollIntervalMs: 50,
      timerBatchSize: 10000,
      smtpUrl: 'smtps://user:pass@mail.example.org:465',
      mailDir: '/var/mail/out',
      mailFrom: 'Disputes <d@example.org>',
    });
  });

  it('defaults PUBLIC_URL to the port given', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('accepts the bounds of every number', () => {
    expect(loadConfig({ PORT: '1', TIMER_POLL_INTERVAL_MS: '3600000', TIMER_BATCH_SIZE: '1' })).toMatchObject({
      port: 1,
      timerPollIntervalMs: 3_600_000,
      timerBatchSize: 1,
    });
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });
});

describe('loadConfig: bad values', () => {
  it.each(['0', '65536', '-1', '80.5', '1e3', 'http', '0x50'])('refuses PORT=%p', (value) => {
    expect(problemsOf({ PORT: value })).toEqual([`PORT='${value}' must be a whole number from 1 to 65535`]);
  });

  it.each(['49', '3600001', 'soon', '100ms'])('refuses TIMER_POLL_INTERVAL_MS=%p', (value) => {
    expect(problemsOf({ TIMER_POLL_INTERVAL_MS: value })).toEqual([
      `TIMER_POLL_INTERVAL_MS='${value}' must be a whole number from 50 to 3600000`,
    ]);
  });

  it.each([
    ['MAIL_MAX_ATTEMPTS', 1, 50],
    ['MAIL_RETRY_BASE_MS', 10, 86_400_000],
    ['MAIL_SEND_TIMEOUT_MS', 100, 600_000],
    ['MAIL_CONCURRENCY', 1, 64],
    ['OUTBOX_POLL_INTERVAL_MS', 50, 3_600_000],
    ['DIGEST_HOUR', 0, 23],
    ['TIMER_CLAIM_MS', 1000, 36_000_000],
    ['SHUTDOWN_TIMEOUT_MS', 1000, 600_000],
  ])('bounds %s to %p..%p', (name, min, max) => {
    expect(() => loadConfig({ [name]: String(min) })).not.toThrow();
    expect(() => loadConfig({ [name]: String(max) })).not.toThrow();
    expect(problemsOf({ [name]: String(min - 1) })).toEqual([`${name}='${min - 1}' must be a whole number from ${min} to ${max}`]);
    expect(problemsOf({ [name]: String(max + 1) })).toEqual([`${name}='${max + 1}' must be a whole number from ${min} to ${max}`]);
  });

  it('drains for at most 10 s on SIGTERM, refusing connections at once, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ shutdownTimeoutMs: 10_000, shutdownNoticeMs: 0 });
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '30000', SHUTDOWN_NOTICE_MS: '5000' })).toMatchObject({ shutdownTimeoutMs: 30_000, shutdownNoticeMs: 5000 });
  });

  it('refuses a SHUTDOWN_NOTICE_MS that leaves no time to drain within SHUTDOWN_TIMEOUT_MS', () => {
    expect(problemsOf({ SHUTDOWN_NOTICE_MS: '10000' })).toEqual([
      'SHUTDOWN_NOTICE_MS=10000 must be less than SHUTDOWN_TIMEOUT_MS=10000 (the notice is part of the time allowed to shut down)',
    ]);
    expect(problemsOf({ SHUTDOWN_NOTICE_MS: 'soon' })).toEqual([`SHUTDOWN_NOTICE_MS='soon' must be a whole number from 0 to 600000`]);
  });

  it('holds timer claims for 30 s, or ten poll intervals when that is longer, unless TIMER_CLAIM_MS says otherwise', () => {
    expect(loadConfig({}).timerClaimMs).toBe(30_000);
    expect(loadConfig({ TIMER_POLL_INTERVAL_MS: '5000' }).timerClaimMs).toBe(50_000);
    expect(loadConfig({ TIMER_CLAIM_MS: '3000' }).timerClaimMs).toBe(3000);
  });

  it.each(['0', '10001', 'all'])('refuses TIMER_BATCH_SIZE=%p', (value) => {
    expect(problemsOf({ TIMER_BATCH_SIZE: value })).toEqual([`TIMER_BATCH_SIZE='${value}' must be a whole number from 1 to 10000`]);
  });

  it.each(['sqlite:', 'sqlite::memory:', 'mysql://db/compact', './data/compact.sqlite', 'postgres://db.internal', 'postgres:///compact'])(
    'refuses DATABASE_URL=%p',
    (value) => {
      const problems = problemsOf({ DATABASE_URL: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('DATABASE_URL');
    },
  );

  it.each(['short', 'x'.repeat(23), `${'x'.repeat(20)} ${'y'.repeat(10)}`, `${'x'.repeat(30)}\t`])(
    'refuses ADMIN_TOKEN %p without echoing it',
    (value) => {
      const problems = problemsOf({ ADMIN_TOKEN: value });
      expect(problems).toEqual(['ADMIN_TOKEN must be at least 24 characters with no white space (use a long random value)']);
    },
  );

  it.each(['days', 'Seconds', 'hours'])('refuses DEADLINE_UNIT=%p', (value) => {
    expect(problemsOf({ DEADLINE_UNIT: value })).toEqual([`DEADLINE_UNIT='${value}' must be 'working-days' or 'seconds'`]);
  });

  it('refuses each bad CALENDAR_CLOSURES date', () => {
    expect(problemsOf({ CALENDAR_CLOSURES: '2026-12-24,2026-02-30,24/12/2026' })).toEqual([
      "CALENDAR_CLOSURES: '2026-02-30' is not a date written YYYY-MM-DD",
      "CALENDAR_CLOSURES: '24/12/2026' is not a date written YYYY-MM-DD",
    ]);
  });

  it.each(['localhost:3000', 'ftp://example.org', 'http://', 'https:///path', '//example.org'])('refuses PUBLIC_URL=%p', (value) => {
    const problems = problemsOf({ PUBLIC_URL: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PUBLIC_URL='.*' must be an http\(s\) URL$/);
  });

  it.each(['mail.example.org', 'http://mail.example.org', 'smtp://', 'smtp:///x'])('refuses SMTP_URL=%p', (value) => {
    expect(problemsOf({ SMTP_URL: value })).toEqual(['SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465']);
  });

  it('refuses URLs with white space inside them', () => {
    expect(problemsOf({ PUBLIC_URL: 'http://disputes example.org' })).toHaveLength(1);
    expect(problemsOf({ SMTP_URL: 'smtp://mail example.org:587' })).toHaveLength(1);
  });

  it('does not echo an SMTP password', () => {
    const problems = problemsOf({ SMTP_URL: 'smtpx://user:hunter2@mail.example.org' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports every bad value together, naming each variable', () => {
    const problems = problemsOf({
      PORT: '99999',
      DATABASE_URL: 'sqlite::memory:',
      ADMIN_TOKEN: 'short',
      DEADLINE_UNIT: 'weeks',
      CALENDAR_CLOSURES: 'tomorrow',
      PUBLIC_URL: 'example.org',
      SMTP_URL: 'example.org',
      TIMER_POLL_INTERVAL_MS: '1',
      TIMER_BATCH_SIZE: '0',
    });
    const variables = [
      'PORT',
      'DATABASE_URL',
      'ADMIN_TOKEN',
      'DEADLINE_UNIT',
      'CALENDAR_CLOSURES',
      'PUBLIC_URL',
      'SMTP_URL',
      'TIMER_POLL_INTERVAL_MS',
      'TIMER_BATCH_SIZE',
    ];
    expect(problems).toHaveLength(variables.length);
    variables.forEach((name, i) => expect(problems[i].startsWith(name)).toBe(true));
  });
});

describe('loadConfig: where to listen, whom to trust, how much to allow', () => {
  it('listens on this machine only, trusts no proxy and limits sign-in and bad tokens by default', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      trustProxy: false,
      signInLimitPerAddress: 5,
      signInLimitPerClient: 20,
      signInLimitWindowMinutes: 15,
      badTokenLimit: 10,
      badTokenWindowMinutes: 15,
    });
  });

  it.each(['0.0.0.0', '::', '::1', '192.168.1.20', 'localhost', 'fe80::1'])('accepts HOST=%p', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  it.each(['all', '0.0.0.0:3000', '256.1.1.1', 'example.org', ' 127.0.0.1', '*', '127.0.0.1,::1'])('refuses HOST=%p, naming it', (host) => {
    const problems = problemsOf({ HOST: host });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^HOST='.*' must be an IP address to listen on/);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.1, 10.0.0.0/8,loopback', ['10.0.0.1', '10.0.0.0/8', 'loopback']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads TRUST_PROXY=%p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '11', '10.0.0.0/33', '10.0.0.1/8/2', 'proxy.internal', 'loopback,nonsense', ','])('refuses TRUST_PROXY=%p', (value) => {
    const problems = problemsOf({ TRUST_PROXY: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY='.*' must be false, true, a number of proxies/);
  });

  it.each(['SIGN_IN_LIMIT_PER_ADDRESS', 'SIGN_IN_LIMIT_PER_CLIENT', 'BAD_TOKEN_LIMIT'])('bounds %s to 1..100000', (name) => {
    expect(problemsOf({ [name]: '0' })).toEqual([`${name}='0' must be a whole number from 1 to 100000`]);
    expect(problemsOf({ [name]: 'many' })).toEqual([`${name}='many' must be a whole number from 1 to 100000`]);
  });

  it.each(['SIGN_IN_LIMIT_WINDOW_MINUTES', 'BAD_TOKEN_WINDOW_MINUTES'])('bounds %s to 1..1440 minutes', (name) => {
    expect(loadConfig({ [name]: '1440' })).toBeDefined();
    expect(problemsOf({ [name]: '1441' })).toEqual([`${name}='1441' must be a whole number from 1 to 1440`]);
  });
});

describe('loadConfig: ADMIN_EMAIL follows the one email rule of the API and the pages', () => {
  it.each(BAD_EMAIL_ADDRESSES.map((c) => [c.why, c.email]))('refuses an address with %s, naming ADMIN_EMAIL', (_why, email) => {
    const problems = problemsOf({ ADMIN_EMAIL: email });
    expect(problems).toEqual([expect.stringMatching(/^ADMIN_EMAIL="[^\n]*" must /)]);
    // Quoted as JSON: no control or invisible character of the value reaches the terminal as it is.
    expect(problems[0]).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\ufffd]/u);
  });

  it.each(GOOD_EMAIL_ADDRESSES.map((e) => [e]))('accepts %s (kept in lower case)', (email) => {
    expect(loadConfig({ ADMIN_EMAIL: email }).adminEmail).toBe(email.toLowerCase());
  });
});

describe('loadConfig: the public register', () => {
  it('is on with a minimum of 5 and the Open Government Licence by default', () => {
    const c = loadConfig({});
    expect(c.registerEnabled).toBe(true);
    expect(c.registerMinCount).toBe(5);
    expect(c.registerLicence).toEqual({
      name: 'OGL-UK-3.0',
      title: 'Open Government Licence v3.0',
      path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    });
  });

  it('reads REGISTER, REGISTER_MIN_COUNT and the licence', () => {
    const c = loadConfig({
      REGISTER: 'off',
      REGISTER_MIN_COUNT: '10',
      REGISTER_LICENCE_NAME: 'CC-BY-4.0',
      REGISTER_LICENCE_TITLE: 'Creative Commons Attribution 4.0',
      REGISTER_LICENCE_PATH: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect([c.registerEnabled, c.registerMinCount, c.registerLicence.name]).toEqual([false, 10, 'CC-BY-4.0']);
    expect(loadConfig({ REGISTER: 'ON' }).registerEnabled).toBe(true);
  });

  it('names each bad value', () => {
    const problems = problemsOf({ REGISTER: 'yes', REGISTER_MIN_COUNT: '1', REGISTER_LICENCE_NAME: 'open licence', REGISTER_LICENCE_PATH: 'ftp://x' });
    expect(problems).toEqual([
      expect.stringContaining('REGISTER="yes" must be on or off'),
      expect.stringContaining("REGISTER_MIN_COUNT='1' must be a whole number from 2 to 1000"),
      expect.stringContaining('REGISTER_LICENCE_NAME="open licence" must be a licence id'),
      expect.stringContaining('REGISTER_LICENCE_PATH="ftp://x" must be the http(s) address'),
    ]);
    expect(problemsOf({ REGISTER_MIN_COUNT: 'five' })).toEqual([expect.stringContaining("REGISTER_MIN_COUNT='five'")]);
  });

  it('takes the footer pages’ contact details, defaults the support address to the administrator’s, and refuses a page file it cannot use', () => {
    const c = loadConfig({ ADMIN_EMAIL: 'Admin@Example.org', SERVICE_OWNER: 'Southampton Compact Partnership', SUPPORT_PHONE: '023 8000 0000' });
    expect(c.servicePages).toEqual({
      owner: 'Southampton Compact Partnership',
      supportEmail: 'admin@example.org',
      supportPhone: '023 8000 0000',
      supportHours: null,
      files: { accessibility: null, privacy: null, help: null },
    });
    expect(loadConfig({}).servicePages.owner).toBe('the partners of the Compact');
    expect(() => loadConfig({ HELP_FILE: '/no/such/help.txt', SUPPORT_EMAIL: 'not an address' })).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining(['HELP_FILE=/no/such/help.txt cannot be read', expect.stringMatching(/^SUPPORT_EMAIL=/)]) }),
    );
  });
});
