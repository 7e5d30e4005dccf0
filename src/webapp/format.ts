/** Dates as the web app shows them, in the page's language and the browser's time zone. */
import type { Language } from '../shared/domain';

export function formatWindow(start: string, end: string, language: Language): string {
  const f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return f.formatRange(new Date(start), new Date(end));
}
