/** An admin session's token (issue 11), apart from admin.ts so that the admin contract's other files can name it. */
import { z } from 'zod';

/** An unlocked session's token: opaque, random, held by the renderer only while the admin screens are open. */
export const AdminSessionToken = z
  .string()
  .min(32)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
