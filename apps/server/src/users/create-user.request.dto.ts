import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CreateUserInput } from '@compact/application';
import { EMAIL_MAX_LENGTH, USER_ROLES, UserRole } from '@compact/domain';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsEmailAddress, NOT_BLANK, NotBlank } from '../http/text-validators';

@ApiSchema({ name: 'CreateUserRequest', description: 'A new person; their email address must not be taken' })
export class CreateUserRequestDto implements CreateUserInput {
  @ApiProperty({ example: 'Jo Smith', maxLength: 200, ...NOT_BLANK })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'jo.smith@example.org',
    format: 'email',
    maxLength: EMAIL_MAX_LENGTH,
    description: 'An email address (no top-level domain needed: admin@localhost is one) with no control or invisible characters; kept in lower case',
  })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'party' })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The organisation they act for: required for party (a public body or VCS organisation) and mediator (a mediator organisation); absent or null for board and admin',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}
