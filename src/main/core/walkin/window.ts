/** The visit window a walk-in asks for, against the site's limits (walkin_window_invalid, in words). */
import { IpcCallError } from '../../../shared/ipc';

const DAY_MS = 86_400_000;

export function checkWalkInWindow(start: Date, end: Date, now: Date, policy: { maxWindowDays: number; maxLeadDays: number }): void {
  const problem =
    Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())
      ? 'not a time'
      : end.getTime() <= start.getTime()
        ? 'the end is not after the start'
        : end.getTime() <= now.getTime()
          ? 'the window is over'
          : end.getTime() - start.getTime() > policy.maxWindowDays * DAY_MS
            ? `longer than ${policy.maxWindowDays} days`
            : start.getTime() - now.getTime() > policy.maxLeadDays * DAY_MS
              ? `starts more than ${policy.maxLeadDays} days ahead`
              : start.getTime() < now.getTime() - DAY_MS
                ? 'starts more than a day ago'
                : undefined;
  if (problem !== undefined) throw new IpcCallError('walkin_window_invalid', `visit window: ${problem}`);
}
