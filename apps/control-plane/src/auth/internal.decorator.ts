import { SetMetadata } from '@nestjs/common';

export const IS_INTERNAL = 'auth:internal';
/** Process-to-process endpoint (ingest, admission): needs `Authorization: Bearer <INTERNAL_API_TOKEN>`. */
export const Internal = () => SetMetadata(IS_INTERNAL, true);
