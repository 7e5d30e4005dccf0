/** The visitor area's paths inside the app. */

/** one of my bookings, and its pass: /visitor/bookings/<id>[/pass] */
export const BOOKING_PATH = /^\/visitor\/bookings\/([A-Za-z0-9_-]{1,64})(\/pass)?$/;

/** the links in the cloud's texts (src/cloud/notifications/templates.ts): /pass/<booking code>, /bookings/<booking code> */
export const CODE_LINK = /^\/(pass|bookings)\/([0-9A-Za-z]{8})$/;
