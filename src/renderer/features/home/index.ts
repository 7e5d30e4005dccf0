/** The kiosk's start screen: where each flow begins and where idle and "done" return to. */
export { homeScreens } from './screens';
export type { HomeScreenName } from './types';
