import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CreateUserUseCase, DeactivateUserUseCase, IssueApiTokenUseCase, ListUsersUseCase } from '@compact/application';
import { ErrorCode, User } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, ApiUuidParam, JSON_BODY, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { arrayOf, ref } from '../openapi/schema-builders';
import { CreateUserRequestDto } from './create-user.request.dto';
import { IssueTokenRequestDto } from './issue-token.request.dto';

@ApiTags('users')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly listUsers: ListUsersUseCase,
    private readonly deactivateUser: DeactivateUserUseCase,
    private readonly issueToken: IssueApiTokenUseCase,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user (administrators)',
    description: 'Answers { id, token, user }: the API token is shown this once only. An email address already taken is 409 ALREADY_EXISTS.',
  })
  @ApiJson(201, ref('CreatedUser'), 'The user and their first API token')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.ALREADY_EXISTS)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateUserRequestDto): Promise<{ id: string; token: string; user: User }> {
    const { user, token } = await this.createUser.execute(caller, body);
    return { id: user.id, token, user };
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users (administrators)', description: 'Everyone who uses the service, deactivated people included; never a token.' })
  @ApiJson(200, arrayOf(ref('User')), 'The users')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  list(@CurrentCaller() caller: Caller): Promise<User[]> {
    return this.listUsers.execute(caller);
  }

  @Post(':id/tokens')
  @ApiOperation({
    operationId: 'issueApiToken',
    summary: 'Issue a further API token (administrators)',
    description:
      'For an active user, e.g. to replace a lost one. Answers { id, token }: the token is shown this once only. ' +
      'The person is emailed that a token was issued (never the token).',
  })
  @ApiUuidParam('id', 'The user id')
  @ApiJson(201, ref('IssuedToken'), 'The new token')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.USER_DEACTIVATED)
  async token(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: IssueTokenRequestDto): Promise<{ id: string; token: string }> {
    const { user, token } = await this.issueToken.execute(caller, { id }, body.label?.trim());
    return { id: user.id, token };
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'deactivateUser',
    summary: 'Deactivate a user (administrators)',
    description:
      'Their API tokens, browser sessions and sign-in links stop working at once, they receive no more mail, and their past ' +
      'actions stay in the audit trails. Answers the user with deactivatedAt. Repeating it changes nothing; deactivating ' +
      'yourself is 409 SELF_DEACTIVATION.',
  })
  @ApiUuidParam('id', 'The user id')
  @ApiJson(200, ref('User'), 'The user, deactivated')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.SELF_DEACTIVATION)
  deactivate(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<User> {
    return this.deactivateUser.execute(caller, { id });
  }
}
