/** The authorization matrix on PostgreSQL (tests/support/cloud/authzMatrix.ts). */
import { authorizationMatrix } from '../support/cloud/authzMatrix';

authorizationMatrix('postgres');
