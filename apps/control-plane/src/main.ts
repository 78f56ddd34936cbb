import { readConfigOrExit } from '#config';
import { controlPlaneSettings } from './config';
import { createControlPlane } from './create-control-plane';

async function main(): Promise<void> {
  const config = readConfigOrExit(controlPlaneSettings);
  const cp = await createControlPlane(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`control-plane: ${signal}, closing\n`);
    cp.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`control-plane: close failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  process.stderr.write(`control-plane: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
