import type { Response } from 'express';
import { WebRequest } from './web-request';

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

/** The main navigation for a person: what their role may open, and the Compact's calculators (for everyone). */
export function navigationFor(req: WebRequest, section: string): NavItem[] {
  const role = req.webCaller?.user.role;
  const calculators: NavItem = { href: '/tools', text: 'Calculators', active: section === 'tools' };
  const compact: NavItem = { href: '/compact', text: 'The Compact', active: section === 'compact' };
  if (!role) return [compact, calculators];
  const items: NavItem[] = [{ href: '/cases', text: 'Cases', active: section === 'cases' }];
  if (role === 'party') items.push({ href: '/cases/new', text: 'Raise a case', active: section === 'new' });
  items.push(compact, calculators);
  if (role === 'board' || role === 'admin') items.push({ href: '/board', text: 'Governance board', active: section === 'board' });
  if (role === 'admin') items.push({ href: '/admin', text: 'Administration', active: section === 'admin' });
  return items;
}

export interface FormError {
  text: string;
  href: string;
}

/** Renders a page with what every page needs: the person, the form token, the script nonce, the navigation. */
export function renderPage(
  req: WebRequest,
  res: Response,
  template: string,
  data: Record<string, unknown> & { title?: string; section?: string },
  status = 200,
): void {
  res.status(status).render(template, {
    ...data,
    caller: req.webCaller ?? null,
    csrfToken: req.csrfToken ?? '',
    cspNonce: res.locals.cspNonce,
    navigation: navigationFor(req, data.section ?? ''),
  });
}
