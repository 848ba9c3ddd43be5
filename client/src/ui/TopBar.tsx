import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';

/** The bar on top of the front, join and error pages. */
export function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <Link href="/" className="topbar__brand">
        {t('app.name')}
      </Link>
      <LanguageSwitch />
    </header>
  );
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}
