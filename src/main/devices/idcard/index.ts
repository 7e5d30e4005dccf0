/**
 * The ID card reader device: codec + transport-agnostic driver + simulator, in one folder; `module.ts` is its
 * device module (the device manager opens it from the kiosk settings).
 *
 * What the module does with the driver:
 *   const reader = IdCardReaderDriver.serial(port, options);
 *   reader.on('state', (s) => report the device state);
 *   reader.on('card', (card) => emit { card, view: idCardView(card) }: the kiosk core holds the card under a
 *     cardRef and sends the renderer the view with the number masked (toIdCardRead is the same view in one piece));
 *   reader.start();  …  await reader.stop();
 */
import type { IdCardRead } from '../../../shared/ipc';
import { maskIdNumber } from '../../../shared/mask';
import type { IdCard } from './textBlock';
import { cardWarningsAt } from './validity';

export { IdCardReaderDriver, probeIdCardReader, ReaderError } from './driver';
export type { DriverEvents, IdCardReaderOptions, IdCardReaderTimeouts, ProbeResult, ReaderEvent, ReaderState, ReaderStatus } from './driver';
export { calendarDay, cardWarningsAt, validityWarnings } from './validity';
export { cardKey, decodeCard, describeCard, encodeTextBlock, LONG_TERM } from './textBlock';
export type { CardTypeCode, IdCard } from './textBlock';
export type { DecodedPhoto, PhotoDecoder } from './photo';
// the simulator (./simulator, ./simPty) is imported from its own files: the kiosk loads it only when asked for
export { buildSimCard, CardFixtureSchema, FIXTURES, loadCardFixture } from './fixtures';
export type { CardFixture, FixtureName, SimCard } from './fixtures';

/** What a read card shows, but for its ID number and its `cardRef` (the kiosk core masks the one and makes the other). */
export type IdCardView = Omit<IdCardRead, 'cardRef' | 'idNumberMasked'>;

export function idCardView(card: IdCard, readAt: Date = new Date()): IdCardView {
  return {
    cardType: card.cardType,
    name: card.name,
    ...(card.nameEn ? { nameEn: card.nameEn } : {}),
    sex: card.sex,
    ...(card.nation ? { nation: card.nation } : {}),
    birthDate: card.birthDate,
    ...(card.issuer ? { issuer: card.issuer } : card.issuerCode ? { issuer: card.issuerCode } : {}),
    validFrom: card.validFrom,
    validUntil: card.validUntil,
    warnings: cardWarningsAt(card, readAt),
    hasPhoto: card.photoWlt.length > 0,
    readAt: readAt.toISOString(),
  };
}

/** The renderer's view of a card (shared/ipc.ts IdCardRead): number masked, no photo bytes. */
export function toIdCardRead(card: IdCard, cardRef: string, readAt: Date = new Date()): IdCardRead {
  return { cardRef, ...idCardView(card, readAt), idNumberMasked: maskIdNumber(card.idNumber) };
}
