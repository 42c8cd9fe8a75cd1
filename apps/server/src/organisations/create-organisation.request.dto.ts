import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CreateOrganisationInput } from '@compact/application';
import { ORGANISATION_KINDS, OrganisationKind } from '@compact/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { NOT_BLANK, NotBlank } from '../http/text-validators';

@ApiSchema({ name: 'CreateOrganisationRequest', description: 'A new organisation; its name (ignoring case) must not be taken' })
export class CreateOrganisationRequestDto implements CreateOrganisationInput {
  @ApiProperty({ example: 'Southampton City Council', maxLength: 200, ...NOT_BLANK })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'public-body' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;
}
