import { readConfigOrExit } from '#config';
import { controlPlaneSettings } from './config';
import { createControlPlane } from './create-control-plane';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = readConfigOrExit(controlPlaneSettings);
  const cp = await createControlPlane(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`control-plane: ${signal}, closing\n`);
    // A part whose shutdown waits on an unreachable Redis or database must not keep the process up for ever.
    setTimeout(() => {
      process.stderr.write(`control-plane: still closing after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway\n`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
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
