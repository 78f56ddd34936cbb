import { Inject, Injectable } from '@nestjs/common';
import { DomainError, normalizeEmail, rateLimitedAddress } from '#domain';
import { MailMessage, viewerAccountExistsMail, viewerPasswordResetMail, viewerVerificationMail } from '#mail';
import { signViewerToken } from '#tokens';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/password-hasher';
import type { ControlPlaneConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import { RateLimit, RedisRateLimiter } from '../http/redis-rate-limiter';
import { CONFIG } from '../infrastructure/di-tokens';
import type { ViewerMailJob } from '../mail/mail-jobs';
import { MailQueue } from '../mail/mail-queue';
import { ViewerAccountsRepository, ViewerRecord, ViewerSettings } from './viewer-accounts.repository';
import { ViewerLoginRateLimiter } from './viewer-login-rate-limiter';
import { ViewerMailTokensRepository } from './viewer-mail-tokens.repository';
import {
  ViewerMailSentView,
  ViewerMeView,
  ViewerPasswordChangedView,
  ViewerSessionView,
  ViewerVerifiedView,
  toViewerMeView,
} from './viewer-views';

export interface ViewerSignUp {
  email: string;
  password: string;
  displayName: string;
  language: 'fr' | 'en';
  shareNameWithCreators?: boolean;
}

/**
 * Stage viewer accounts: sign-up with a verified address, sign-in, password reset, their own settings and deletion.
 * No answer tells whether an address has an account: sign-up and reset answer the same either way, and what differs
 * goes by mail to the address's owner.
 */
@Injectable()
export class ViewerAccountsService {
  constructor(
    private readonly viewers: ViewerAccountsRepository,
    private readonly tokens: ViewerMailTokensRepository,
    private readonly loginLimiter: ViewerLoginRateLimiter,
    private readonly limits: RedisRateLimiter,
    private readonly mail: MailQueue,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async signUp(input: ViewerSignUp, clientIp: string | undefined): Promise<ViewerMailSentView> {
    const email = normalizeEmail(input.email);
    await this.limitMails(email, clientIp);
    // hashed whether or not the address is taken, so the answer takes as long either way
    const passwordHash = await hashPassword(input.password);
    const created = await this.viewers.insert({
      email,
      passwordHash,
      displayName: input.displayName.trim(),
      language: input.language,
      shareNameWithCreators: input.shareNameWithCreators ?? false,
    });
    if (created) {
      await this.sendVerification(created);
    } else {
      const existing = await this.viewers.findByEmail(email);
      if (existing) {
        const url = `${publicBaseUrl(this.config)}/stage/password-reset`;
        await this.send('viewer-account-exists', viewerAccountExistsMail(this.mailContext(existing, url)));
      }
    }
    return { status: 'check-your-inbox', email };
  }

  async verify(token: string): Promise<ViewerVerifiedView> {
    const viewerId = await this.tokens.consume(token, 'verify');
    if (!viewerId) {
      throw new DomainError(
        'invalid',
        'this verification link is unknown, used already or expired; sign in to get a new one',
        'token',
      );
    }
    await this.viewers.markVerified(viewerId);
    return { status: 'verified' };
  }

  async signIn(emailTyped: string, password: string, clientIp: string | undefined): Promise<ViewerSessionView> {
    const email = normalizeEmail(emailTyped);
    const client = clientIp ?? 'unknown';
    await this.loginLimiter.hit(client, email);
    const viewer = await this.viewers.findByEmail(email);
    // the KDF runs for unknown addresses too, so the answer's time does not tell them apart
    const ok = await verifyPassword(password, viewer?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!viewer || !ok) {
      await this.loginLimiter.failed(client, email);
      throw new DomainError('unauthenticated', 'email or password is wrong', 'password');
    }
    await this.loginLimiter.succeeded(client, email);
    if (!viewer.verifiedAt) {
      // the right password proves this is the one who signed up: a new link, unless they asked too often
      const resent = (await this.limits.hit(...this.mailLimits(email, clientIp))) === 0;
      if (resent) await this.sendVerification(viewer);
      throw new DomainError(
        'forbidden',
        `confirm your e-mail address first: follow the link we mailed to ${viewer.email}${resent ? ' (we have just sent a new one)' : ''}`,
        'email',
      );
    }
    return {
      accessToken: signViewerToken(
        { viewerId: viewer.id, tokenVersion: viewer.tokenVersion },
        this.config.JWT_SECRET,
        this.config.ACCESS_TOKEN_TTL,
      ),
      tokenType: 'Bearer',
      expiresIn: Math.floor(this.config.ACCESS_TOKEN_TTL / 1000),
      viewer: toViewerMeView(viewer),
    };
  }

  async requestPasswordReset(emailTyped: string, clientIp: string | undefined): Promise<ViewerMailSentView> {
    const email = normalizeEmail(emailTyped);
    await this.limitMails(email, clientIp);
    const viewer = await this.viewers.findByEmail(email);
    if (viewer) {
      const token = await this.tokens.issue(viewer.id, 'reset');
      const url = `${publicBaseUrl(this.config)}/stage/password#token=${encodeURIComponent(token)}`;
      await this.send('viewer-password-reset', viewerPasswordResetMail(this.mailContext(viewer, url)));
    }
    return { status: 'check-your-inbox', email };
  }

  async resetPassword(token: string, password: string): Promise<ViewerPasswordChangedView> {
    const passwordHash = await hashPassword(password);
    const viewerId = await this.tokens.consume(token, 'reset');
    if (!viewerId) {
      throw new DomainError(
        'invalid',
        'this password link is unknown, used already or expired (links work once, for 1 hour); ask for a new one',
        'token',
      );
    }
    await this.viewers.setPassword(viewerId, passwordHash);
    return { status: 'password-changed' };
  }

  me(viewer: ViewerRecord): ViewerMeView {
    return toViewerMeView(viewer);
  }

  async update(viewer: ViewerRecord, settings: ViewerSettings): Promise<ViewerMeView> {
    const updated = await this.viewers.update(viewer.id, {
      ...settings,
      displayName: settings.displayName?.trim(),
    });
    if (!updated) throw new DomainError('not_found', 'this viewer account no longer exists', 'authorization');
    return toViewerMeView(updated);
  }

  /** Deletes the account after the password confirms it; watch positions go with it, counted views stay anonymous. */
  async delete(viewer: ViewerRecord, password: string, clientIp: string | undefined): Promise<void> {
    // counted like sign-in: a stolen token must not become a way to guess the password
    const client = clientIp ?? 'unknown';
    await this.loginLimiter.hit(client, viewer.email);
    if (!(await verifyPassword(password, viewer.passwordHash))) {
      await this.loginLimiter.failed(client, viewer.email);
      throw new DomainError('forbidden', 'the password is wrong; the account was not deleted', 'password');
    }
    await this.viewers.delete(viewer.id);
  }

  private async sendVerification(viewer: ViewerRecord): Promise<void> {
    const token = await this.tokens.issue(viewer.id, 'verify');
    const url = `${publicBaseUrl(this.config)}/stage/verify#token=${encodeURIComponent(token)}`;
    await this.send('viewer-verification', viewerVerificationMail(this.mailContext(viewer, url)));
  }

  private mailContext(viewer: ViewerRecord, url: string) {
    return { language: viewer.language, viewer: { name: viewer.displayName, email: viewer.email }, url };
  }

  private send(kind: ViewerMailJob['kind'], mail: MailMessage): Promise<void> {
    return this.mail.sendToViewer({ kind, mail });
  }

  /** The public form's limits on mails (REGISTRATION_* settings): per address, so nobody floods an inbox, and per IP. */
  private mailLimits(email: string, clientIp: string | undefined): RateLimit[] {
    return [
      {
        key: `viewer-mail:email:${email}`,
        limit: this.config.REGISTRATION_EMAIL_LIMIT,
        windowMs: this.config.REGISTRATION_EMAIL_WINDOW,
      },
      {
        key: `viewer-mail:ip:${rateLimitedAddress(clientIp)}`,
        limit: this.config.REGISTRATION_IP_LIMIT,
        windowMs: this.config.REGISTRATION_IP_WINDOW,
      },
    ];
  }

  private limitMails(email: string, clientIp: string | undefined): Promise<void> {
    return this.limits.enforce(
      (wait) => `too many Stage mails asked for this address or from your network; try again in ${wait}`,
      ...this.mailLimits(email, clientIp),
    );
  }
}
