/**
 * The rules of the kiosk's administration PINs, written once for the core (which enforces them) and the renderer
 * (which says why before asking): 6–12 digits, not one digit repeated, not a plain ascending or descending run.
 */
import { z } from 'zod';

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;

/** A PIN as typed: digits only, any length up to the maximum (a wrong one is refused by its hash, not its form). */
export const PinInput = z.string().max(PIN_MAX_DIGITS).regex(/^\d+$/, 'PIN: digits only');

/** Why a new PIN is refused, or undefined when it may be set. */
export function pinWeakness(pin: string): 'length' | 'digits' | 'repeated' | 'sequence' | undefined {
  if (!/^\d*$/.test(pin)) return 'digits';
  if (pin.length < PIN_MIN_DIGITS || pin.length > PIN_MAX_DIGITS) return 'length';
  if (/^(\d)\1*$/.test(pin)) return 'repeated';
  const steps = [...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'sequence';
  return undefined;
}

/** An unlocked session's token: opaque, random, held by the renderer only while the admin screens are open. */
export const AdminSessionToken = z
  .string()
  .min(32)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Who an unlocked session is: the admin (everything) or staff (the desk's day: sync, conflicts, today's visitors). */
export const AdminRole = z.enum(['admin', 'staff']);
export type AdminRole = z.infer<typeof AdminRole>;

/** The admin home's sections, and which role sees each. */
export const AdminSection = z.enum(['devices', 'sync', 'policy', 'enrolment', 'about', 'pin']);
export type AdminSection = z.infer<typeof AdminSection>;
export const SECTIONS_BY_ROLE: Readonly<Record<AdminRole, readonly AdminSection[]>> = {
  admin: ['devices', 'sync', 'policy', 'enrolment', 'about', 'pin'],
  staff: ['sync'],
};

/** The wait after `failures` wrong PINs in a row: none, then 1 s, 2 s, 4 s … at most 5 minutes. */
export const PIN_BACKOFF_MAX_MS = 5 * 60_000;
export function pinBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - 1, 20), PIN_BACKOFF_MAX_MS);
}
