export { dictionaries, DEFAULT_LANGUAGE, placeholdersOf, translate, translatorFor } from './translate';
export type { MessageKey, MessageParams, Translate } from './translate';
export { errorMessage, errorMessageKey } from './errorMessages';
