/** The keys of the WAI-ARIA tabs pattern (components/TabList.tsx). */

/** The tab `key` moves to from `at` among `count`, or undefined for a key that does not move. */
export function tabMove(key: string, at: number, count: number): number | undefined {
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1 + count, Home: 0, End: count - 1 }[key];
  return to === undefined ? undefined : to % count;
}
