import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NOT_BLANK, NotBlank } from '../http/text-validators';

@ApiSchema({ name: 'IssueTokenRequest', description: 'A further API token for an active person' })
export class IssueTokenRequestDto {
  @ApiPropertyOptional({ example: 'reporting script', maxLength: 100, ...NOT_BLANK, description: 'What the token is for (kept with it)' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  label?: string;
}
