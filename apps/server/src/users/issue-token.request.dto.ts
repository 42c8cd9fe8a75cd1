import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NotBlank } from '../http/text-validators';

export class IssueTokenRequestDto {
  @ApiPropertyOptional({ example: 'reporting script', maxLength: 100, description: 'What the token is for (kept with it)' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  label?: string;
}
