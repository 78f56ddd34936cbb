import { readConfigOrExit } from '#config';
import { mailSettings } from './mail-settings';
import { startSmtpCatcher } from './smtp-catcher';

// `npm start` runs this when SMTP_URL is unset: every mail the control plane sends lands under MAIL_OUTBOX_DIR, and
// the console's development outbox shows it. A process of its own, like the embedded S3 endpoint, so several
// control planes can share it and a restart of one loses nothing.
const config = readConfigOrExit({
  MAIL_CATCHER_PORT: mailSettings.MAIL_CATCHER_PORT,
  MAIL_OUTBOX_DIR: mailSettings.MAIL_OUTBOX_DIR,
});

startSmtpCatcher({ dir: config.MAIL_OUTBOX_DIR, port: config.MAIL_CATCHER_PORT }).then(
  (catcher) => {
    const log = (msg: string, extra: Record<string, unknown>) =>
      process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg, ...extra })}\n`);
    log('smtp catcher listening', { url: catcher.url, dir: catcher.dir });
    const stop = () => void catcher.close().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e: Error) => {
    process.stderr.write(`smtp catcher could not start: ${e.message}\n`);
    process.exit(1);
  },
);
