/**
 * The ID card reader device: codec + transport-agnostic driver + simulator, in one folder (this index: all but the simulator).
 *
 * Wiring in the kiosk core:
 *   const reader = new IdCardReaderDriver({ transport: transportFor(settings.idReaderAddress).factory });
 *   reader.on('state', (s) => publish DeviceState { kind: 'idReader', ...s });
 *   reader.on('card', (card) => { keep card under a cardRef; send toIdCardRead(card, cardRef, now) to the renderer });
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

/** The renderer's view of a card (shared/ipc.ts IdCardRead): number masked, no photo bytes. */
export function toIdCardRead(card: IdCard, cardRef: string, readAt: Date = new Date()): IdCardRead {
  return {
    cardRef,
    cardType: card.cardType,
    name: card.name,
    ...(card.nameEn ? { nameEn: card.nameEn } : {}),
    sex: card.sex,
    ...(card.nation ? { nation: card.nation } : {}),
    birthDate: card.birthDate,
    idNumberMasked: maskIdNumber(card.idNumber),
    ...(card.issuer ? { issuer: card.issuer } : card.issuerCode ? { issuer: card.issuerCode } : {}),
    validFrom: card.validFrom,
    validUntil: card.validUntil,
    warnings: cardWarningsAt(card, readAt),
    hasPhoto: card.photoWlt.length > 0,
    readAt: readAt.toISOString(),
  };
}
