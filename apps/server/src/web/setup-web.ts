import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { formatLongDate } from '@compact/calendar';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { isApiPath } from '../http/api-path';
import { appRoot } from './app-root';
import { pageFormBody } from './page-form-body';

/**
 * The web pages: Nunjucks views with GOV.UK Frontend and MoJ Frontend macros, their static assets,
 * form bodies (100 kB and 500 fields at most), cookies, and no caching of pages. The security
 * headers (and each page's script nonce) come before this, from securityHeaders().
 */
export function setupWeb(app: NestExpressApplication, compactName: string, options: { registerPublic?: boolean; uploadHint?: string } = {}): void {
  const root = appRoot();
  const modules = join(root, 'node_modules');
  const env = nunjucks.configure(
    [join(root, 'apps', 'server', 'views'), join(modules, 'govuk-frontend', 'dist'), join(modules, '@ministryofjustice', 'frontend')],
    { autoescape: true, express: app.getHttpAdapter().getInstance(), noCache: false, throwOnUndefined: false },
  );
  env.addFilter('longDate', (date: string) => (date ? formatLongDate(date.slice(0, 10)) : ''));
  env.addFilter('dateTime', (iso: string) =>
    new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' }),
  );
  env.addGlobal('compactName', compactName);
  env.addGlobal('serviceName', `${compactName} disputes`);
  // The start page and the footer link to the public register when the deployment publishes it (REGISTER=on).
  env.addGlobal('registerPublic', options.registerPublic ?? false);
  // The hint of every file input: how many files, how large, of which types (DOCUMENT_MAX_MB, DOCUMENTS_PER_EVENT).
  env.addGlobal('uploadHint', options.uploadHint ?? '');
  app.setViewEngine('njk');

  // Page-only work (cookies, form bodies) stays off the API's path.
  const pagesOnly =
    (middleware: (req: Request, res: Response, next: NextFunction) => void) => (req: Request, res: Response, next: NextFunction) =>
      isApiPath(req.path) ? next() : middleware(req, res, next);
  app.use(pagesOnly(cookieParser()));
  app.use(
    pagesOnly((_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    }),
  );
  const staticOptions = { maxAge: '1h', index: false as const };
  app.use('/assets', express.static(join(modules, 'govuk-frontend', 'dist', 'govuk', 'assets'), staticOptions));
  app.use('/public/app.css', express.static(join(root, 'dist', 'public', 'app.css'), staticOptions));
  app.use('/public/govuk-frontend.min.js', express.static(join(modules, 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'), staticOptions));
  app.use('/public/app.js', express.static(join(root, 'apps', 'server', 'web', 'app.js'), staticOptions));
  app.use('/public/print-button.js', express.static(join(root, 'apps', 'server', 'web', 'print-button.js'), staticOptions));
  app.use(pagesOnly(pageFormBody()));
}
