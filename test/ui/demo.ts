/**
 * `npm run demo`: Slipway without a Mac. Starts code-server with the packaged
 * extension, the stand-in `container` (podman) and a sample workspace (see
 * demoSetup.ts, which test/ui/demo.test.ts starts the same way), then prints
 * the URL to open and what to click. Ctrl-C stops it and removes what the
 * demo created.
 */
import { demoInstructions, startDemo } from './demoSetup';

async function main(): Promise<void> {
  const demo = await startDemo();
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(demoInstructions(demo));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
