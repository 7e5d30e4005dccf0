/**
 * The core's log pointed elsewhere for a test, and put back as it was found. The kiosk project shares modules between
 * files (isolate: false): a sink or level left behind would reach the next file.
 */
import { setLogLevel, setLogSink, type LogLevel, type LogSink } from '../../../src/main/core/log';

/** Points the log at `sink` (and at `level`, if given); returns what puts back the sink and level it found. */
export function swapLog(sink: LogSink, level?: LogLevel): () => void {
  const previousSink = setLogSink(sink);
  const previousLevel = level === undefined ? undefined : setLogLevel(level);
  return () => {
    setLogSink(previousSink);
    if (previousLevel !== undefined) setLogLevel(previousLevel);
  };
}

/** Runs `fn` (synchronous) with the log at `sink` (and `level`), and puts back the sink and level it found however it ends. */
export function withLog<T>(sink: LogSink, fn: () => T, level?: LogLevel): T {
  const restore = swapLog(sink, level);
  try {
    return fn();
  } finally {
    restore();
  }
}
