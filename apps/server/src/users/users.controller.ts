import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CreateUserUseCase, ListUsersUseCase } from '@compact/application';
import { User } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { CreateUserRequestDto } from './create-user.request.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly listUsers: ListUsersUseCase,
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
}
