import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@verksted/shared';
import { changeLanguage, currentLanguage, isLanguage } from '../i18n/i18n';

/** The visible language switch; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage();
  return (
    <label className="language-switch">
      <span className="language-switch__label">{t('app.language')}</span>
      <select
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`app.languages.${lng}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
