import 'reflect-metadata';
import { readConfigOrExit } from '#config';
import { createLogger, logReady, runProcess } from '#process';
import { admissionSettings } from './config';
import { createAdmissionNode } from './create-admission-node';

const config = readConfigOrExit(admissionSettings);
const logger = createLogger({ service: 'admission', level: config.LOG_LEVEL, base: { node: config.NODE_ID } });
runProcess({
  name: 'admission',
  logger,
  start: async () => {
    const node = await createAdmissionNode(config, logger);
    logReady(logger, 'admission ready', { port: node.port });
    return node;
  },
  // sockets are detached (their seats kept for the reconnect grace) before exit; never hang on a stuck client
  stop: (node) => node.close(),
});
