import { Injectable } from '@nestjs/common';
import { LoginRateLimiter } from '../auth/login-rate-limiter';

/**
 * The organizer sign-in's limits (LOGIN_* settings: per address and e-mail, per address, per account lock) counted
 * apart for Stage viewers, so a viewer and an organizer with one e-mail address never lock each other out.
 */
@Injectable()
export class ViewerLoginRateLimiter extends LoginRateLimiter {
  protected override readonly scope = 'viewer-login';
}
