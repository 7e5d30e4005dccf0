/**
 * LIKE patterns for a searched text: its own % _ and \ taken literally, with `escape '\'` said in the SQL (SQLite has
 * no default escape character, PostgreSQL's is \: without the clause a search holding _ or % differed between them).
 */
import { sql } from 'kysely';

const literal = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escaped = (pattern: string) => sql<string>`${pattern} escape '\\'`;

/** rows whose column begins with the text */
export const likePrefix = (text: string) => escaped(`${literal(text)}%`);
/** rows whose column holds the text anywhere */
export const likeContaining = (text: string) => escaped(`%${literal(text)}%`);
