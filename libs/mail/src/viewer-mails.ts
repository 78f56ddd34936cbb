import { MailDocument, renderHtml, renderText } from './mail-document';
import type { MailLanguage } from './mail-language';
import type { MailMessage } from './mail-message';
import { VIEWER_TEXTS, ViewerTexts } from './viewer-mail-texts';

/** Who a mail to a Stage viewer goes to, in their language, and the one link it carries. Pure data. */
export interface ViewerMailContext {
  language: MailLanguage;
  viewer: { name: string; email: string };
  url: string;
}

/** After sign-up: the link that verifies the address (the account cannot sign in before). */
export const viewerVerificationMail = (ctx: ViewerMailContext) => viewerMail(ctx, 'verification');

/** Sign-up with an address that has an account already: no second account, a pointer to the password reset. */
export const viewerAccountExistsMail = (ctx: ViewerMailContext) => viewerMail(ctx, 'accountExists');

/** The single-use link to choose a new password. */
export const viewerPasswordResetMail = (ctx: ViewerMailContext) => viewerMail(ctx, 'passwordReset');

function viewerMail(ctx: ViewerMailContext, kind: keyof ViewerTexts): MailMessage {
  const doc: MailDocument = {
    language: ctx.language,
    ...VIEWER_TEXTS[ctx.language][kind]({ name: ctx.viewer.name, url: ctx.url }),
  };
  return {
    to: { name: ctx.viewer.name, address: ctx.viewer.email },
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
  };
}
