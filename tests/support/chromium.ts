/** The team's Chromium launcher for the end-to-end tests: one definition, in scripts/chromium.ts. */
export { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium, type LaunchedChromium } from '../../scripts/chromium';
