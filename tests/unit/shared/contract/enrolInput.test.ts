/** The enrolment section's input schemas (src/shared/contract/admin.ts): what the renderer and the core both refuse. */
import { describe, expect, it } from 'vitest';
import { EnrolCloudUrl, EnrolCode } from '../../../../src/shared/contract/admin';

describe('enrolment input', () => {
  it('a cloud URL: http(s) only, no credentials or fragment; anything else is refused, never thrown', () => {
    for (const ok of ['http://127.0.0.1:8787', 'https://cloud.example.com/passdesk']) expect(EnrolCloudUrl.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '',
      'not a url',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://x.example',
      'http://u:p@x.example',
      'https://x.example/#a',
      'http://x.example/"><script>',
    ]) {
      expect(() => EnrolCloudUrl.safeParse(bad), bad).not.toThrow();
      expect(EnrolCloudUrl.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('a code: letters, digits and dashes as the cloud gave them, upper-cased', () => {
    expect(EnrolCode.parse(' abcd-2345 ')).toBe('ABCD-2345');
    for (const bad of ['', 'AB', "ABCD'; DROP TABLE x;--", '<b>1234</b>', 'ABCD\u202E2345', 'A'.repeat(30)])
      expect(EnrolCode.safeParse(bad).success, bad).toBe(false);
  });
});
