import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'compact:is-public';

/** The route needs no API token (health, documentation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
