import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../state/KioskStoreContext';

/** Quiet zone in modules (the standard asks for 4). */
const MARGIN_MODULES = 4;
/** The smallest on-screen size, in CSS px. */
const MIN_SIZE_PX = 340;

interface RenderedQr {
  dataUrl: string;
  sizePx: number;
}

/**
 * Black modules on white, error correction M, a whole number of pixels per module (so a screenshot decodes
 * cleanly) and at least MIN_SIZE_PX wide.
 */
async function renderQr(text: string): Promise<RenderedQr> {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 2 * MARGIN_MODULES;
  const scale = Math.max(4, Math.ceil(MIN_SIZE_PX / modules));
  const dataUrl = await QRCode.toDataURL(text, {
    errorCorrectionLevel: 'M',
    margin: MARGIN_MODULES,
    scale,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return { dataUrl, sizePx: modules * scale };
}

export function PassQr({ token }: { token: string }) {
  const t = useT();
  const [qr, setQr] = useState<RenderedQr | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setQr(null);
    setFailed(false);
    renderQr(token).then(
      (rendered) => !cancelled && setQr(rendered),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  if (failed) return <ErrorBanner error={{ code: 'qr_render_failed' }} />;
  if (!qr) return <Spinner label={t('pass.rendering')} />;
  return <img className="pass-qr" data-testid="pass-qr" src={qr.dataUrl} width={qr.sizePx} height={qr.sizePx} alt={t('pass.qrAlt')} draggable={false} />;
}
