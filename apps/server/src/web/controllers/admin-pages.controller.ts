import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  Caller,
  CreateOrganisationUseCase,
  DeactivateUserUseCase,
  InviteUserUseCase,
  ListOrganisationsUseCase,
  ListOutboxUseCase,
  ListUsersUseCase,
  OutboxPage,
  RetryOutboxMessageUseCase,
} from '@compact/application';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { DomainError, ErrorCode, FieldError } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { CreateOrganisationRequestDto } from '../../organisations/create-organisation.request.dto';
import { CreateUserRequestDto } from '../../users/create-user.request.dto';
import { FormWording, pageErrors, validateForm } from '../form-validation';
import { FormError, renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRedirect, WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const ORGANISATION_FORM: FormWording<CreateOrganisationRequestDto> = {
  name: { id: 'org-name', message: 'Enter the organisation name (up to 200 characters)' },
  kind: { id: 'org-kind', message: 'Choose what kind of organisation it is' },
};

const INVITATION_FORM: FormWording<CreateUserRequestDto> = {
  name: { id: 'user-name', message: 'Enter the person’s name (up to 200 characters)' },
  email: { id: 'user-email', message: 'Enter an email address like name@example.org' },
  role: { id: 'user-role', message: 'Choose a role' },
  organisationId: { id: 'user-organisation', message: 'Choose an organisation from the list' },
};

@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly organisations: ListOrganisationsUseCase,
    private readonly users: ListUsersUseCase,
    private readonly outbox: ListOutboxUseCase,
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly invite: InviteUserUseCase,
    private readonly retry: RetryOutboxMessageUseCase,
    private readonly deactivate: DeactivateUserUseCase,
  ) {}

  @Get()
  async page(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.render(req, res, {});
  }

  @Post('organisations')
  async addOrganisation(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const values = { name: str(body.name), kind: str(body.kind) };
    const form = await validateForm(CreateOrganisationRequestDto, values, ORGANISATION_FORM);
    let errors: FieldError[];
    if (form.valid) {
      try {
        await this.createOrganisation.execute(req.webCaller!, form.value);
        return res.redirect(303, '/admin?done=organisation#organisations');
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.ALREADY_EXISTS) throw error;
        errors = [{ field: ORGANISATION_FORM.name.id, message: error.message }];
      }
    } else errors = form.errors;
    await this.render(req, res, { organisation: values }, errors, 400);
  }

  @Post('users')
  async inviteUser(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const values = { name: str(body.name), email: str(body.email), role: str(body.role), organisationId: str(body.organisationId) };
    // "None" in the list of organisations is sent as an empty value: the API's null.
    const form = await validateForm(CreateUserRequestDto, { ...values, organisationId: values.organisationId || null }, INVITATION_FORM);
    let errors: FieldError[];
    if (form.valid) {
      try {
        await this.invite.execute(req.webCaller!, form.value);
        return res.redirect(303, '/admin?done=invited#users');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === ErrorCode.ALREADY_EXISTS) errors = [{ field: INVITATION_FORM.email.id, message: error.message }];
        // The use case's own rules (which organisation a role may belong to) in its own words.
        else if (error.code === ErrorCode.VALIDATION_FAILED) errors = pageErrors(error.details.errors ?? [], INVITATION_FORM, true);
        else throw error;
      }
    } else errors = form.errors;
    await this.render(req, res, { user: values }, errors, 400);
  }

  @Get('users/:id/deactivate')
  async confirmDeactivation(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const caller = req.webCaller!;
    const person = (await this.users.execute(caller)).find((u) => u.id === id);
    if (!person) throw new DomainError(ErrorCode.NOT_FOUND, 'No such person');
    if (person.id === caller.user.id || person.deactivatedAt) return res.redirect(303, '/admin#users');
    const organisation = person.organisationId ? (await this.organisations.execute()).find((o) => o.id === person.organisationId)?.name : undefined;
    renderPage(req, res, 'admin-deactivate', { title: `Deactivate ${person.name}?`, section: 'admin', person: { ...person, organisation } });
  }

  @Post('users/:id/deactivate')
  async deactivateUser(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.deactivate.execute(req.webCaller!, { id });
    res.redirect(303, '/admin?done=deactivated#users');
  }

  @Post('outbox/:id/retry')
  async retryMessage(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.retry.execute(req.webCaller!, id);
    res.redirect(303, '/admin?done=retried#outbox');
  }

  /** One page of the mail that could not be delivered (20 a page, newest first); `?outbox=` is the cursor. */
  private async failedMail(caller: Caller, req: WebRequest): Promise<OutboxPage> {
    const cursor = typeof req.query.outbox === 'string' ? req.query.outbox : undefined;
    try {
      return await this.outbox.execute(caller, { status: 'failed', cursor, limit: 20 });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
      throw new WebRedirect('/admin#outbox');
    }
  }

  private async render(req: WebRequest, res: Response, values: Record<string, unknown>, fieldErrors: FieldError[] = [], status = 200) {
    const caller = req.webCaller!;
    // One after the other: ListOutboxUseCase refuses a non-admin synchronously, which would leave the
    // users promise rejected with no handler (an unhandled rejection ends the Node process).
    const users = await this.users.execute(caller);
    const [failed, organisations] = await Promise.all([this.failedMail(caller, req), this.organisations.execute()]);
    const byField: Record<string, string> = Object.fromEntries(fieldErrors.map((e) => [e.field, e.message]));
    const errors: FormError[] = fieldErrors.map((e) => ({ text: e.message, href: `#${e.field}` }));
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    const banners: Record<string, string> = {
      organisation: 'The organisation was added.',
      invited: 'The person was added and an invitation with a sign-in link is on its way.',
      retried: 'The message will be sent again.',
      deactivated: 'The person was deactivated: they can no longer sign in or use the API, and they get no more email.',
    };
    renderPage(
      req,
      res,
      'admin',
      {
        title: 'Administration',
        section: 'admin',
        organisations,
        users: users.map((u) => ({
          ...u,
          organisation: organisations.find((o) => o.id === u.organisationId)?.name ?? '',
          status: u.deactivatedAt ? `Deactivated on ${formatLongDate(toLondonDate(u.deactivatedAt))}` : 'Active',
          self: u.id === caller.user.id,
        })),
        failed: failed.items.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          attempts: m.attempts,
          expired: m.erasedAt !== null,
          undelivered: m.recipients.filter((r) => r.status !== 'sent').map((r) => ({ address: r.address, response: r.response ?? m.lastError ?? '' })),
          delivered: m.recipients.filter((r) => r.status === 'sent').map((r) => r.address),
        })),
        failedNextHref: failed.nextCursor ? `/admin?${new URLSearchParams({ outbox: failed.nextCursor })}#outbox` : null,
        failedFirstHref: req.query.outbox ? '/admin#outbox' : null,
        values,
        byField,
        errors,
        banner: banners[done] ? { type: 'success', title: 'Success', text: banners[done] } : null,
        organisationItems: [{ value: '', text: 'None (board members and administrators)' }, ...organisations.map((o) => ({ value: o.id, text: `${o.name} (${o.kind})` }))],
      },
      status,
    );
  }
}
