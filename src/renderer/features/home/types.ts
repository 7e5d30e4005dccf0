/** The home feature's screens. */
export type HomeScreenName = 'home';
