/**
 * The contract's check-in feature: finding today's bookings (by code, phone, pass or ID card), confirming an arrival
 * and ending the visitor's session (the ID card read is released).
 */
import { z } from 'zod';
import { BodyTemperatureC, BookingView, Id, plainText, StaffWarning, Uuid, Visit } from '../domain';
import { CheckInErrorCode } from '../errorCodes';
import { FaceConsentInput } from '../facePhoto';
import { PassDetails } from '../pass';
import { call, Empty } from './define';
import { IdCardRead } from './devices';

export const IssuedPassView = z.object({ token: z.string(), payload: PassDetails });

export const checkinCalls = {
  'bookings.find': call(
    z.object({ query: plainText(z.string().trim().min(1).max(4096)) }).strict(),
    z.object({ bookings: z.array(BookingView) }),
    "today's bookings matching a booking code, a phone number or a scanned pass/QR",
  ),
  'bookings.findByCard': call(
    z.object({ cardRef: z.string().min(1).max(64) }).strict(),
    z.object({ card: IdCardRead, bookings: z.array(BookingView) }),
    "today's bookings whose visitor (or a companion) holds the ID card read under `cardRef` (error card_expired when the core no longer holds it)",
  ),
  'bookings.get': call(z.object({ bookingId: Id }).strict(), BookingView, 'one booking, as the kiosk may show it'),
  'checkin.confirm': call(
    z
      .object({
        bookingId: Id,
        /** client-made; repeating a call with the same id returns the same visit and pass */
        visitId: Uuid.optional(),
        /** the visitor's reading from devices.readTemperature / device.temperature; at or above the threshold is refused */
        temperatureC: BodyTemperatureC.optional(),
        /** the staff saw the booking's `warn` blacklist hits (BookingView.staffWarnings) and let the visitor in */
        staffAcknowledged: z.boolean().optional(),
        /** the face photo's separate consent (granted with the photo, or refused), recorded with the visit; absent: not asked */
        face: FaceConsentInput.optional(),
      })
      .strict(),
    z.object({ visit: Visit, pass: IssuedPassView, staffWarnings: z.array(StaffWarning).optional() }),
    'record the arrival of a booked visitor and issue a pass (error checkin_warning_unacknowledged: a warn hit without staffAcknowledged; walkin_photo_invalid: a face photo that is not a sane JPEG)',
  ),
  'session.end': call(
    Empty,
    z.object({ releasedCards: z.number().int().min(0) }),
    "the visitor's session at the kiosk ended (back to home, idle reset): the core releases every ID card it holds",
  ),
} as const;

export const checkinEvents = {
  'bookings.changed': z.object({ count: z.number().int() }),
} as const;

export const checkinContract = { calls: checkinCalls, events: checkinEvents, errors: CheckInErrorCode } as const;
