import type { TFunction } from 'i18next';
import { ApiError } from '../api/boards-api';

/** A translated sentence for a failed download, snapshot, import, roll-up or delete request. */
export function describeExportError(error: unknown, t: TFunction<'exports'>): string {
  if (!(error instanceof ApiError)) return t('errors.server');
  if (error.status === 401) return t('errors.keyRefused');
  switch (error.kind) {
    case 'not-found':
      return t('errors.notFound');
    case 'rate-limited':
      return t('errors.rateLimited');
    case 'network':
      return t('errors.network');
    case 'invalid':
      return t('errors.refused', { message: error.message });
    case 'server':
      return t('errors.server');
  }
}
