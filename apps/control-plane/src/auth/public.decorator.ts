import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';
/** Anyone may call this endpoint, signed in or not (public registration, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
