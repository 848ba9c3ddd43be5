import { useEffect, useState } from 'react';
import { TEST_IDS } from '@verksted/shared';
import { log } from '../log';

interface Matrix {
  size: number;
  data: Uint8Array;
}

/** Light margin around the code, in modules, as the QR standard asks (4). */
const QUIET_ZONE = 4;

/** One path for all dark modules: one element, however big the code. */
function modulesPath({ size, data }: Matrix): string {
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (data[row * size + col]) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return d;
}

interface QrCodeProps {
  text: string;
  /** The accessible name, e.g. "QR code for https://…". */
  label: string;
  className?: string;
}

/**
 * A QR code for `text`. The `qrcode` library is loaded only when a code is shown (projector,
 * share panel), so participants' phones never download it. Drawn as an inline SVG from the
 * library's module matrix: sharp at any size on a projector, and no canvas or `data:` image,
 * which a strict Content-Security-Policy would block.
 */
export function QrCode({ text, label, className = 'qr' }: QrCodeProps) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);

  useEffect(() => {
    let cancelled = false;
    import('qrcode').then(
      (qrcode) => {
        const code = qrcode.create(text, { errorCorrectionLevel: 'M' });
        if (!cancelled) setMatrix({ size: code.modules.size, data: code.modules.data });
      },
      (error: unknown) => log.warn('board', 'QR code could not be made', { error: String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [text]);

  if (!matrix) return <div className={`${className} ${className}--loading`} aria-hidden="true" />;
  const dimension = matrix.size + QUIET_ZONE * 2;
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      data-testid={TEST_IDS.qrCode}
      viewBox={`0 0 ${dimension} ${dimension}`}
      shapeRendering="crispEdges"
    >
      <rect width={dimension} height={dimension} fill="#ffffff" />
      <path d={modulesPath(matrix)} fill="#000000" />
    </svg>
  );
}
