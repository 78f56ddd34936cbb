import { readConfigOrExit } from '#config';
import { createLogger, runProcess } from '#process';
import { smtpCatcherSettings } from './mail-settings';
import { startSmtpCatcher } from './smtp-catcher';

// `npm start` runs this when SMTP_URL is unset: every mail the control plane sends lands under MAIL_OUTBOX_DIR, and
// the console's development outbox shows it. A process of its own, like the embedded S3 endpoint, so several
// control planes can share it and a restart of one loses nothing.
const config = readConfigOrExit(smtpCatcherSettings);
const logger = createLogger({ service: 'smtp-catcher', level: config.LOG_LEVEL });

runProcess({
  name: 'smtp-catcher',
  logger,
  start: async () => {
    const catcher = await startSmtpCatcher({
      dir: config.MAIL_OUTBOX_DIR,
      port: config.MAIL_CATCHER_PORT,
      onMessage: (m) => logger.info({ to: m.to, subject: m.subject, id: m.id }, 'mail caught'),
    });
    logger.info({ url: catcher.url, dir: catcher.dir }, 'smtp catcher listening');
    return catcher;
  },
  stop: (catcher) => catcher.close(),
});
