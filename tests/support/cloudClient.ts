/** A tiny HTTP client for tests that drive the cloud as its users do: over real HTTP, parsed with the contract. */
import { z } from 'zod';
import { Booking, Host } from '../../src/shared/domain';
import { API_PREFIX, EnrolmentCodeCreated, VerifyPassResponse } from '../../src/shared/sync';
import { BookingList, BookingReceipt, HostToken } from '../../src/shared/api';

export interface HttpReply {
  status: number;
  body: unknown;
}

export class TestCloudClient {
  constructor(
    readonly baseUrl: string,
    readonly adminToken: string,
  ) {}

  async request(method: string, path: string, body?: unknown, bearer?: string): Promise<HttpReply> {
    const res = await fetch(`${this.baseUrl}${API_PREFIX}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  private async ok<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
    const r = await this.request(method, path, body, bearer);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return schema.parse(r.body);
  }

  createHost(input: { name: string; phone: string; department: string; siteId: string }): Promise<Host> {
    return this.ok(Host, 'POST', '/hosts', { ...input, canReceiveVisitors: true }, this.adminToken);
  }
  hostToken(hostId: string): Promise<string> {
    return this.ok(HostToken, 'POST', `/hosts/${hostId}/token`, {}, this.adminToken).then((t) => t.token);
  }
  /** a visitor's booking (202 receipt), read back by its code as the admin */
  async book(input: unknown): Promise<Booking> {
    const { code } = await this.ok(BookingReceipt, 'POST', '/bookings', input);
    const { bookings } = await this.ok(BookingList, 'GET', '/bookings', undefined, this.adminToken);
    const booking = bookings.find((b) => b.code === code);
    if (!booking) throw new Error(`POST /bookings → receipt ${code} but no such booking`);
    return booking;
  }
  decide(bookingId: string, action: 'approve' | 'reject' | 'return', bearer: string, reason?: string): Promise<Booking> {
    return this.ok(Booking, 'POST', `/bookings/${bookingId}/decision`, { action, ...(reason ? { reason } : {}) }, bearer);
  }
  booking(bookingId: string): Promise<Booking> {
    return this.ok(Booking, 'GET', `/bookings/${bookingId}`, undefined, this.adminToken);
  }
  enrolmentCode(siteId: string): Promise<string> {
    return this.ok(EnrolmentCodeCreated, 'POST', '/admin/enrolment-codes', { siteId }, this.adminToken).then((c) => c.code);
  }
  verifyPass(token: string): Promise<z.infer<typeof VerifyPassResponse>> {
    return this.ok(VerifyPassResponse, 'POST', '/passes/verify', { token });
  }
}
