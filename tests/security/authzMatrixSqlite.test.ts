/** The authorization matrix on SQLite (tests/support/cloud/authzMatrix.ts), and every route's declaration. */
import { authorizationMatrix, everyOperationDeclaresAccess } from '../support/cloud/authzMatrix';

everyOperationDeclaresAccess();
authorizationMatrix('sqlite');
