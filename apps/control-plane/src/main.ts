import { readConfigOrExit } from '#config';
import { createLogger, runProcess } from '#process';
import { controlPlaneSettings } from './config';
import { createControlPlane } from './create-control-plane';

const config = readConfigOrExit(controlPlaneSettings);
const logger = createLogger({ service: 'control-plane', level: config.LOG_LEVEL });
runProcess({
  name: 'control-plane',
  logger,
  start: () => createControlPlane(config, logger),
  stop: (cp) => cp.close(),
});
