import { ValidationOptions, registerDecorator } from 'class-validator';
import { isKnownTimeZone } from '#mail';

/** An IANA time zone the runtime knows (Europe/Paris, America/New_York, UTC). */
export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be an IANA time zone such as Europe/Paris or UTC', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && v.length <= 64 && isKnownTimeZone(v) },
    });
}
