import { readFileSync, statSync } from 'node:fs';

/** The largest text a deployment may give for one of its footer pages. */
const MAX_PAGE_BYTES = 64 * 1024;

/** Who runs the service and how people reach them, for the footer pages; and the deployment's own text for any of them. */
export interface ServicePages {
  /** SERVICE_OWNER: the organisation that runs the service (named in the accessibility statement and privacy notice). */
  owner: string;
  /** SUPPORT_EMAIL (default ADMIN_EMAIL). */
  supportEmail: string;
  /** SUPPORT_PHONE, SUPPORT_HOURS: optional. */
  supportPhone: string | null;
  supportHours: string | null;
  /** ACCESSIBILITY_STATEMENT_FILE, PRIVACY_NOTICE_FILE, HELP_FILE: plain-text files that replace the default pages (paragraphs split by blank lines). */
  files: { accessibility: string | null; privacy: string | null; help: string | null };
}

/** Why a page file cannot be used, or null. */
export function pageFileProblem(name: string, file: string): string | null {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return `${name}=${file} is not a file`;
    if (stat.size > MAX_PAGE_BYTES) return `${name}=${file} is larger than 64 KB`;
    const text = readFileSync(file);
    if (text.toString('utf8').includes('\uFFFD')) return `${name}=${file} is not UTF-8 text`;
    return null;
  } catch {
    return `${name}=${file} cannot be read`;
  }
}

/** A page file's paragraphs (blank lines between them), or null when the deployment gave none. */
export function pageParagraphs(file: string | null): string[] | null {
  if (!file) return null;
  return readFileSync(file, 'utf8')
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}
