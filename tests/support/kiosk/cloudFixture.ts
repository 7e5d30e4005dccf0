/**
 * The real cloud API for kiosk tests: a temp SQLite file (or, `postgres`, a fresh schema of the PostgreSQL test
 * database: dropped after the run by pgSchemas.globalSetup.ts), demo data, restartable on the same port.
 */
import axios from 'axios';
import http from 'node:http';
import { join } from 'node:path';
import { startCloudServer, type RunningCloudServer } from '../../../src/cloud/server';
import { loadDemoData } from '../../../src/cloud/demo';
import { Booking } from '../../../src/shared/domain';
import { EnrolmentCodeCreated } from '../../../src/shared/sync';
import { newPgTestSchema, PG_URL, type Dialect } from '../cloud/harness';
import { tempDir } from './helpers';

export interface CloudFixture {
  server: RunningCloudServer;
  url: string;
  adminToken: string;
  sqlitePath: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
  enrolmentCode(siteId?: string): Promise<string>;
  booking(id: string): Promise<Booking>;
  cleanup(): Promise<void>;
}

export async function startCloud(dialect: Dialect = 'sqlite'): Promise<CloudFixture> {
  const t = tempDir('passdesk-cloud-');
  // with PostgreSQL the file's folder holds only the key-encryption key's file
  const sqlitePath = join(t.dir, 'cloud.sqlite');
  const database = dialect === 'postgres' ? { databaseUrl: PG_URL, pgSchema: newPgTestSchema() } : {};
  let server = await startCloudServer({ sqlitePath, ...database, port: 0 });
  await loadDemoData(server.db);
  const port = Number(new URL(server.url).port);
  const adminToken = server.adminToken;
  let running = true;
  const admin = () => ({ headers: { authorization: `Bearer ${adminToken}` }, proxy: false as const });
  const fixture: CloudFixture = {
    get server() {
      return server;
    },
    url: server.url,
    adminToken,
    sqlitePath,
    port,
    async stop() {
      if (!running) return;
      running = false;
      await server.close();
      // a stopped cloud's keep-alive sockets, pooled by this process's clients (the kiosk's, the fixture's), are gone
      // with it, as when its process dies: drop them now rather than let the next request find one dead
      http.globalAgent.destroy();
    },
    async restart() {
      server = await startCloudServer({ sqlitePath, ...database, port, adminToken });
      running = true;
    },
    async enrolmentCode(siteId = 'site_demo') {
      const res = await axios.post(`${server.url}/api/v1/admin/enrolment-codes`, { siteId }, admin());
      return EnrolmentCodeCreated.parse(res.data).code;
    },
    async booking(id) {
      const res = await axios.get(`${server.url}/api/v1/bookings/${id}`, admin());
      return Booking.parse(res.data);
    },
    async cleanup() {
      await fixture.stop();
      t.cleanup();
    },
  };
  return fixture;
}
