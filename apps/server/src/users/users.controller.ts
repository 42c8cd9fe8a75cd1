import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CreateUserUseCase, DeactivateUserUseCase, IssueApiTokenUseCase, ListUsersUseCase } from '@compact/application';
import { User } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { CreateUserRequestDto } from './create-user.request.dto';
import { IssueTokenRequestDto } from './issue-token.request.dto';

@ApiTags('users')
@ApiBearerAuth()
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
  @ApiOperation({ summary: 'Create a user (admin). Answers { id, token }: the API token is shown this once only.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateUserRequestDto): Promise<{ id: string; token: string; user: User }> {
    const { user, token } = await this.createUser.execute(caller, body);
    return { id: user.id, token, user };
  }

  @Get()
  @ApiOperation({ summary: 'List users (admin)' })
  list(@CurrentCaller() caller: Caller): Promise<User[]> {
    return this.listUsers.execute(caller);
  }

  @Post(':id/tokens')
  @ApiOperation({
    summary: 'Issue a further API token for an active user (admin), e.g. to replace a lost one. Answers { id, token }: shown this once only.',
  })
  async token(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: IssueTokenRequestDto): Promise<{ id: string; token: string }> {
    const { user, token } = await this.issueToken.execute(caller, { id }, body.label?.trim());
    return { id: user.id, token };
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deactivate a user (admin): their API tokens, browser sessions and sign-in links stop working at once, ' +
      'they receive no more mail, and their past actions stay in the audit trails. Answers the user with deactivatedAt. ' +
      'Repeating it changes nothing; deactivating yourself is 409 SELF_DEACTIVATION.',
  })
  deactivate(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<User> {
    return this.deactivateUser.execute(caller, { id });
  }
}
