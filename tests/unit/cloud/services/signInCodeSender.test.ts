import { describe, expect, it } from 'vitest';
import { ConsoleSignInCodeSender } from '../../../../src/cloud/services/signInCodeSender';

describe('the console sign-in code sender (development)', () => {
  it('prints the code for the developer with the phone masked', async () => {
    const lines: string[] = [];
    await new ConsoleSignInCodeSender((line) => lines.push(line)).send('site_test', '13912345678', '042917');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('042917');
    expect(lines[0]).toContain('139****5678');
    expect(lines[0]).not.toContain('13912345678');
  });
});
