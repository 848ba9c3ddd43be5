import { useTranslation } from 'react-i18next';

/**
 * The server's own words about a failure (see `serverDetails` in api/error-message.ts), under
 * the translated message: labelled and marked `lang="en"`, so a screen reader reads them as
 * English.
 */
export function ServerDetails({ details }: { details: string | null }) {
  const { t } = useTranslation();
  if (!details) return null;
  return (
    <p className="field-hint server-details">
      {t('errors.details')} <span lang="en">{details}</span>
    </p>
  );
}
