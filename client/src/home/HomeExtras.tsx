/**
 * The front page's second row, loaded on demand (it is not needed to join a board): import a
 * board from JSON, and "Combine workshops" when this device runs two or more.
 */
import { useState } from 'react';
import { useExportsTranslation } from '../i18n/namespaces';
import { ROLLUP_PATH } from '../router';
import { readStoredFacilitatorKeys } from './facilitated-boards';
import { Link } from '../ui/Link';
import { ImportBoardForm } from './ImportBoardForm';
import '../exports/exports.css';

export default function HomeExtras() {
  const { t } = useExportsTranslation();
  const [facilitated] = useState(() => readStoredFacilitatorKeys().length);
  return (
    <div className="home__extras">
      <section className="panel" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('importBoard.heading')}</h2>
        <ImportBoardForm />
      </section>
      {facilitated >= 2 && (
        <section className="panel" aria-labelledby="rollup-heading">
          <h2 id="rollup-heading">{t('importBoard.rollupLink')}</h2>
          <p className="field-hint">{t('importBoard.rollupHint')}</p>
          <p>
            <Link className="button" href={ROLLUP_PATH}>
              {t('importBoard.rollupLink')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
