/**
 * Runs the kiosk in a browser:
 *   tsx src/main/host/browserHost.main.ts --cloud http://127.0.0.1:8787 [--data-dir data/kiosk]
 *       [--enrol ABCD-2345 --name "Lobby kiosk"] [--port 0] [--renderer out/renderer]
 * Prints the URL to open (it carries the per-launch secret in its fragment).
 */
import { parseArgs } from 'node:util';
import { redactText } from '../../shared/mask';
import { createKioskCore } from '../core/kioskCore';
import { startBrowserHost } from './browserHost';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cloud: { type: 'string' },
      'data-dir': { type: 'string', default: process.env.PASSDESK_DATA_DIR ?? 'data/kiosk' },
      enrol: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: 'out/renderer' },
    },
  });
  const cloudUrl = values.cloud ?? process.env.PASSDESK_CLOUD_URL;
  const core = await createKioskCore({ dataDir: values['data-dir'], host: 'browser', ...(cloudUrl ? { cloudUrl } : {}) });
  if (values.enrol !== undefined && !core.identity()) {
    const identity = await core.enrol({ code: values.enrol, name: values.name ?? core.settings().kioskName });
    process.stdout.write(`enrolled as kiosk ${identity.kioskId} (site ${identity.siteId})\n`);
  }
  if (!core.identity()) process.stdout.write('not enrolled yet: start again with --enrol <code> --name <name>\n');
  const host = await startBrowserHost({ core, rendererDir: values.renderer, port: Number(values.port) });
  process.stdout.write(`Passdesk kiosk: open ${host.url}\n`);
  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${redactText(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
