import type { TFunction } from 'i18next';
import { ApiError } from './boards-api';

/** A translated, human sentence for a failed API call. */
export function describeApiError(error: unknown, t: TFunction, context: 'join' | 'create' | 'settings'): string {
  if (!(error instanceof ApiError)) return context === 'create' ? t('errors.createFailed') : t('errors.server');
  if (context === 'settings' && (error.status === 401 || error.status === 403)) return t('errors.keyRefused');
  switch (error.kind) {
    case 'not-found':
      return context === 'join' ? t('errors.codeUnknown') : t('errors.server');
    case 'rate-limited':
      return t('errors.rateLimited');
    case 'network':
      return t('errors.network');
    case 'invalid':
      return t('errors.invalid', { message: error.message });
    case 'server':
      return t('errors.server');
  }
}
