import { keyboardEn } from '../components/keyboard/messages';
import { adminEn } from '../features/admin/messages';
import { checkinEn } from '../features/checkin/messages';
import { devicesEn } from '../features/devices/messages';
import { gateEn } from '../features/gate/messages';
import { homeEn } from '../features/home/messages';
import { signOutEn } from '../features/signout/messages';
import { syncEn } from '../features/sync/messages';
import { walkinEn } from '../features/walkin/messages';
import { faceEn } from '../features/face/messages';
import { staffPhotoEn } from '../features/staffphoto/messages';
import type { MessageKey, shellZhCN } from './zhCN';

/** English: the same keys as zhCN.ts (a unit test checks parity and placeholders); each feature's in its messages.ts. */
const shellEn: Record<keyof typeof shellZhCN, string> = {
  'app.name': 'Passdesk Visitor Kiosk',
  'app.skipToContent': 'Skip to main content',

  'common.back': 'Back',
  'common.home': 'Home',
  'common.retry': 'Try again',
  'common.working': 'Working…',
  'common.errorCode': 'Code: {code}',

  'lang.switchTo': '中文',
  'lang.switchLabel': 'Switch to Chinese',

  'status.label': 'System status',
  'status.devicesNone': 'No devices configured',

  'connection.connecting': 'Connecting to the kiosk service…',
  'connection.reconnecting': 'Lost the connection to the kiosk service. Reconnecting…',
  'connection.noSecret': 'Missing launch credentials. Please ask staff to restart the kiosk.',

  'keypad.label': 'On-screen keyboard',
  'keypad.clear': 'Clear',
  'keypad.backspace': 'Delete',

  'error.bad_input': 'Something in the input is not right. Please check and try again.',
  'error.not_found': 'Nothing found. Please check and try again.',
  'error.not_approved': 'This booking has not been approved yet. Please contact your host.',
  'error.rejected': 'This booking was not approved. Please contact your host.',
  'error.already_arrived': 'This booking has already been checked in.',
  'error.already_left': 'This visitor has already signed out.',
  'error.too_early': 'It is too early for this booking. Please come back closer to your visit time.',
  'error.window_closed': 'The visit time for this booking is over. Please ask your host for a new booking.',
  'error.cancelled': 'This booking has been cancelled.',
  'error.pass_malformed': 'This QR code is not recognised as one of our passes.',
  'error.pass_unknown_key': 'This pass cannot be verified. Please ask reception staff.',
  'error.pass_bad_signature': 'This pass is not valid. Please ask reception staff.',
  'error.pass_not_yet_valid': 'This pass is not valid yet.',
  'error.pass_expired': 'This pass has expired.',
  'error.pass_key_revoked': 'This pass is no longer valid. Please ask reception staff.',
  'error.pass_wrong_site': 'This pass is for another site. Please ask reception staff.',
  'error.pass_revoked': 'This pass has been revoked. Please ask reception staff.',
  'error.gate_not_a_pass': 'No pass found in what was scanned. Please scan the pass QR code.',
  'error.booking_unknown': 'This kiosk has no booking for this pass. Please ask reception staff.',
  'error.booking_pending': 'This booking has not been approved yet.',
  'error.booking_rejected': 'This booking was rejected.',
  'error.booking_cancelled': 'This booking was cancelled.',
  'error.booking_expired': 'This booking has expired.',
  'error.visitor_left': 'This visitor has left; the pass is no longer valid.',
  'error.ipc_unavailable': 'The kiosk service is not connected. Please wait a moment and try again.',
  'error.ipc_disconnected': 'The connection to the kiosk service was lost. Please try again.',
  'error.ipc_timeout': 'That took too long. Please try again.',
  'error.ipc_bad_response': 'The kiosk service sent an unexpected answer. Please contact the administrator.',
  'error.qr_render_failed': 'The QR code could not be made. Please ask reception staff.',
  'error.storage_full': 'The kiosk’s storage is full: nothing was recorded. Please ask reception staff to call the administrator.',
  'error.internal': 'Something went wrong. Please ask reception staff.',
  'error.card_expired': 'The ID card read has expired. Please place your ID card on the reader again.',
  'error.device_unavailable': 'The device is not ready. Please ask reception staff.',
  'error.device_failed': 'The device did not finish. Please try again or ask reception staff.',
  'error.printer_unavailable': 'The printer is not ready. Please show the QR code on screen, or ask reception staff.',
  'error.paper_out': 'The printer is out of paper. Please ask reception staff to refill it, then try again.',
  'error.printer_failed': 'The pass was not printed. Please try again or ask reception staff.',
  'error.temperature_abnormal': 'Your temperature is above normal, so self check-in is not possible. Please see reception staff.',
  'error.booking_not_found': 'This kiosk has no such booking. Please check the booking code or phone number and try again.',
  'error.visit_id_reused': 'This check-in clashed with another record. Please search for the booking again.',
  'error.blacklisted': 'Please see the front desk',
  'error.checkin_warning_unacknowledged': 'A staff member must check and confirm the note first',
  'error.visit_not_found': 'This kiosk has no check-in for this visitor. Please ask reception staff.',
  'error.not_enrolled': 'This kiosk is not enrolled yet. Please contact the administrator.',
  'error.unknown_call': 'The kiosk service does not support this. Please contact the administrator.',
  'error.settings_newer': "This kiosk's settings come from a newer version. Please contact the administrator.",
  'error.settings_invalid': "This kiosk's settings are not valid. Please contact the administrator.",
  'error.secrets_invalid': "This kiosk's enrolment data is damaged. Please contact the administrator to enrol it again.",
  'error.bad_message': 'The kiosk service could not read the request. Please reload and try again.',
  'error.forbidden': 'This page may not use the kiosk service. Please contact the administrator.',
  'error.fallback': 'That did not work. Please try again or ask reception staff.',
};

export const en: Record<MessageKey, string> = {
  ...shellEn,
  ...homeEn,
  ...checkinEn,
  ...signOutEn,
  ...syncEn,
  ...devicesEn,
  ...walkinEn,
  ...faceEn,
  ...staffPhotoEn,
  ...adminEn,
  ...gateEn,
  ...keyboardEn,
};
