/**
 * A pass's QR as an <img> (the `qrcode` package, a data: URL the page's CSP allows): black on white, error
 * correction M, the standard quiet zone and a whole number of pixels per module, as wide as a 360 px phone allows.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

const MARGIN_MODULES = 4;
/** the widest the QR may be on a 360 px screen, in CSS px */
const MAX_SIZE_PX = 300;

interface RenderedQr {
  dataUrl: string;
  sizePx: number;
}

async function renderQr(text: string): Promise<RenderedQr> {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 2 * MARGIN_MODULES;
  const scale = Math.max(3, Math.floor(MAX_SIZE_PX / modules));
  const dataUrl = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: MARGIN_MODULES, scale, color: { dark: '#000000ff', light: '#ffffffff' } });
  return { dataUrl, sizePx: modules * scale };
}

export function PassQr({ token, label }: { token: string; label: string }) {
  const [qr, setQr] = useState<RenderedQr | undefined>();
  useEffect(() => {
    let live = true;
    setQr(undefined);
    void renderQr(token).then((rendered) => {
      if (live) setQr(rendered);
    });
    return () => {
      live = false;
    };
  }, [token]);
  if (!qr) return null;
  return <img className="pass-qr" data-testid="pass-qr" src={qr.dataUrl} width={qr.sizePx} height={qr.sizePx} alt={label} draggable={false} />;
}
