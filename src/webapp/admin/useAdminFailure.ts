/** What an admin screen does with a failed call: a refused session goes back to sign-in; anything else is words to show. */
import { useCallback } from 'react';
import { ApiFailure } from '../api/client';
import { useLanguage } from '../i18n/language';

export function useAdminFailure(onSignOut: (notice?: string) => void): (err: unknown) => string {
  const { t } = useLanguage();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) {
        onSignOut(t('adminTokenRejected'));
        return t('adminTokenRejected');
      }
      return err instanceof ApiFailure ? err.body.message : t('networkError');
    },
    [onSignOut, t],
  );
}
