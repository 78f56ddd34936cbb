export * from './auth-user';
export * from './public.decorator';
export * from './roles.decorator';
export * from './internal.decorator';
export * from './current-user.decorator';
