/**
 * System printers from CUPS' lpstat: the parser on output captured from CUPS 2.4.2 (Debian 12, cups-client and
 * cups-daemon, LC_ALL=C) with four queues — one idle and the default, one printing, one disabled with no reason, one
 * paused by its admin (`cupsdisable -r "paper jam"`), one named in Chinese — and the lister's answers when lpstat is
 * missing, its scheduler is down or nothing is set up (no lpstat needed: the runner is given).
 */
import { describe, expect, it } from 'vitest';
import { parseLpstatDefault, parseLpstatDestinations, parseLpstatPrinters, systemPrintersFrom } from '../../../../../src/main/devices/printer/lpstat';
import { listSystemPrinters, LpstatFailed, runLpstat, type LpstatRunner } from '../../../../../src/main/devices/printer/systemPrinters';
import { SystemPrinterListing } from '../../../../../src/shared/deviceSetup';

// lpstat -p (captured; the tab-indented lines are CUPS' printer-state-message)
const LPSTAT_P = [
  'printer 前台打印机 is idle.  enabled since Fri Nov 27 01:56:02 2026',
  'printer Kiosk_Pass_58 now printing Kiosk_Pass_58-1.  enabled since Fri Nov 27 01:56:05 2026',
  '\tThe printer may not exist or is unavailable at this time.',
  'printer Lobby_Laser disabled since Fri Nov 27 01:56:02 2026 -',
  '\treason unknown',
  'printer Office-HP disabled since Fri Nov 27 01:55:59 2026 -',
  '\tpaper jam',
  '',
].join('\n');
// lpstat -e (captured), plus a network printer CUPS found but has not set up (a temporary IPP Everywhere queue)
const LPSTAT_E = '前台打印机\nKiosk_Pass_58\nLobby_Laser\nOffice-HP\nHP_LaserJet_MFP_M140w_7A1B2C\n';
const LPSTAT_D = 'system default destination: Kiosk_Pass_58\n';

describe('lpstat output', () => {
  it('reads each printer, its state and its message from lpstat -p', () => {
    expect(parseLpstatPrinters(LPSTAT_P)).toEqual([
      { name: '前台打印机', state: 'idle' },
      { name: 'Kiosk_Pass_58', state: 'printing', message: 'The printer may not exist or is unavailable at this time.' },
      { name: 'Lobby_Laser', state: 'disabled', message: 'reason unknown' },
      { name: 'Office-HP', state: 'disabled', message: 'paper jam' },
    ]);
  });

  it('reads the destinations of lpstat -e and the default of lpstat -d', () => {
    expect(parseLpstatDestinations(LPSTAT_E)).toEqual(['前台打印机', 'Kiosk_Pass_58', 'Lobby_Laser', 'Office-HP', 'HP_LaserJet_MFP_M140w_7A1B2C']);
    expect(parseLpstatDefault(LPSTAT_D)).toBe('Kiosk_Pass_58');
    expect(parseLpstatDefault('no system default destination\n')).toBeUndefined();
    expect(parseLpstatDestinations('')).toEqual([]);
  });

  it('merges them: the described printers, then the found-only ones (state unknown), the default marked', () => {
    const printers = systemPrintersFrom({ printers: LPSTAT_P, destinations: LPSTAT_E, defaultDestination: LPSTAT_D });
    expect(printers.map((p) => [p.name, p.state, p.isDefault])).toEqual([
      ['前台打印机', 'idle', false],
      ['Kiosk_Pass_58', 'printing', true],
      ['Lobby_Laser', 'disabled', false],
      ['Office-HP', 'disabled', false],
      ['HP_LaserJet_MFP_M140w_7A1B2C', 'unknown', false],
    ]);
    expect(SystemPrinterListing.parse({ items: printers }).items).toHaveLength(5);
  });

  it('passes over what it does not know (another locale, noise) instead of guessing', () => {
    expect(parseLpstatPrinters('打印机 Office-HP 从 Fri Nov 27 01:55:59 2026 开始被禁用 -\n\tpaper jam\n')).toEqual([]);
    expect(parseLpstatDestinations('lpstat: No destinations added.')).toEqual([]);
  });
});

const failing =
  (code: string | number, stderr: string): LpstatRunner =>
  () =>
    Promise.reject(new LpstatFailed(`lpstat failed (${code})`, code, stderr));

describe('listing the system printers', () => {
  it('answers the printers lpstat lists', async () => {
    const outputs: Record<string, string> = { '-p': LPSTAT_P, '-e': LPSTAT_E, '-d': LPSTAT_D };
    const listing = await listSystemPrinters((args) => Promise.resolve(outputs[args[0] ?? ''] ?? ''));
    expect(listing.reason).toBeUndefined();
    expect(listing.items.find((p) => p.isDefault)?.name).toBe('Kiosk_Pass_58');
  });

  it('no lpstat, a scheduler not running, no printer set up: an empty list with the reason, never a rejection', async () => {
    expect(await listSystemPrinters(failing('ENOENT', ''))).toEqual({ items: [], reason: expect.stringMatching(/lpstat was not found/) as unknown });
    // captured: lpstat -p with cupsd stopped, then with no queue (both exit 1)
    expect(await listSystemPrinters(failing(1, 'lpstat: Scheduler is not running.\n'))).toEqual({ items: [], reason: 'lpstat: Scheduler is not running.' });
    expect(await listSystemPrinters(failing(1, 'lpstat: No destinations added.\n'))).toEqual({ items: [], reason: 'no printer is set up in CUPS' });
    expect(await listSystemPrinters(() => Promise.resolve(''))).toEqual({ items: [], reason: 'no printer is set up in CUPS' });
  });

  it('the real lpstat, where this machine has one or not: a list or a reason', async () => {
    const listing = SystemPrinterListing.parse(await listSystemPrinters(runLpstat));
    expect(listing.items.length > 0 || (listing.reason ?? '') !== '').toBe(true);
  });
});
