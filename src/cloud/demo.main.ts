/**
 * CLI: `npm run cloud:demo` loads the demo data into DATABASE_URL (postgres://…) or PASSDESK_DB (SQLite) and lists it,
 * phone numbers masked (a console is often a log).
 */
import { openCloudDatabase } from './db/database';
import { loadDemoData } from './demo';
import { maskPhone } from '../shared/mask';
import { messageOf } from '../shared/errorText';

async function main(): Promise<void> {
  const db = await openCloudDatabase({
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    sqlitePath: process.env.PASSDESK_DB ?? './data/cloud.sqlite',
  });
  try {
    const demo = await loadDemoData(db);
    console.log(`demo site ${demo.siteId}`);
    for (const h of demo.hosts) console.log(`  host ${h.name} ${maskPhone(h.phone)} ${h.department}${h.canReceiveVisitors ? '' : ' (no visit permission)'}`);
    for (const b of [...demo.bookings.approved, ...demo.bookings.pending]) {
      console.log(`  booking ${b.code} ${b.status} ${b.source} ${b.visitor.name} +${b.groupSize - 1} ${b.windowStart} → ${b.windowEnd}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`demo data not loaded: ${messageOf(err)}`);
  process.exit(1);
});
