import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * One path for every change of a case: a person's event, a deadline that passed and a case being
 * raised all reach the database through CaseChangeWriter. This guards the rule in the source, so a
 * second copy of the path (as fired timers and raising a case once had) cannot creep back in.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const SOURCES = ['apps', 'libs/application', 'libs/engine', 'libs/mail', 'workflows'];
const WRITES = [/\.cases\.insert\(/, /\.cases\.update\(/, /\.timers\.insert\(/, /\.timers\.cancel\(/, /\.audit\.append\(/, /\.cases\.setAuditHead\(/];
/** The writer itself (and the extensions it carries out), and the entries that do not change a case (a reminder delivered). */
const ALLOWED = new Set([
  'libs/application/src/cases/case-change.writer.ts',
  'libs/application/src/cases/timer-extensions.ts',
  'libs/application/src/cases/audit-facts.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the one path by which a case changes', () => {
  it('has exactly one writer of snapshots, timers and audit entries', () => {
    const offenders = SOURCES.flatMap((dir) => sources(join(ROOT, dir)))
      .map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }))
      .filter(({ file, text }) => !ALLOWED.has(file) && WRITES.some((w) => w.test(text)))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('is the writer every case-changing use case goes through', () => {
    for (const useCase of ['raise-case.use-case.ts', 'send-case-event.use-case.ts', '../timers/fire-due-timers.use-case.ts']) {
      expect(readFileSync(join(__dirname, useCase), 'utf8')).toMatch(/this\.writer\.(start|apply)\(/);
    }
  });
});
