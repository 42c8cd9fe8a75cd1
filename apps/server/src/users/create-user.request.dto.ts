import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateUserInput } from '@compact/application';
import { USER_ROLES, UserRole } from '@compact/domain';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NotBlank } from '../http/text-validators';

export class CreateUserRequestDto implements CreateUserInput {
  @ApiProperty({ example: 'Jo Smith', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'jo.smith@example.org' })
  @IsString()
  @MaxLength(320)
  @IsEmail({ require_tld: false })
  email!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'party' })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for party and mediator users; absent for board and admin' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}
