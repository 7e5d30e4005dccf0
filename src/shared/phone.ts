/**
 * A phone number as it is stored, searched, rate-limited and hashed everywhere (the blacklist key on the cloud and
 * at the kiosk): spaces, dashes, dots and brackets a person types removed, and a mainland mobile number written
 * with its country code (+86 / 0086) as its 11 digits. Pure.
 */
export function normalizePhone(phone: string): string {
  const compact = phone.replace(/[\s\-.()\u3000]/g, '');
  const mainland = /^(?:\+86|0086)(1[3-9]\d{9})$/.exec(compact);
  return mainland ? mainland[1]! : compact;
}
