import 'reflect-metadata';
import { readConfigOrExit } from '#config';
import { admissionSettings } from './config';
import { createAdmissionNode } from './create-admission-node';

async function main(): Promise<void> {
  const cfg = readConfigOrExit(admissionSettings);
  const node = await createAdmissionNode(cfg).catch((e: Error) => {
    process.stderr.write(`admission: ${e.message}\n`);
    process.exit(1);
  });
  // Machine-readable line tests and the start script wait for.
  process.stdout.write(`${JSON.stringify({ msg: 'admission ready', node: cfg.NODE_ID, port: node.port })}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    // sockets are detached (their seats kept for the reconnect grace) before exit; never hang on a stuck client
    setTimeout(() => process.exit(1), 10_000).unref();
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
