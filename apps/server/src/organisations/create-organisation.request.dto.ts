import { ApiProperty } from '@nestjs/swagger';
import { CreateOrganisationInput } from '@compact/application';
import { ORGANISATION_KINDS, OrganisationKind } from '@compact/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { NotBlank } from '../http/text-validators';

export class CreateOrganisationRequestDto implements CreateOrganisationInput {
  @ApiProperty({ example: 'Southampton City Council', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'public-body' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;
}
