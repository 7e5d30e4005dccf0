/** A link's QR code (an invitation's, a companion link's), drawn in the page (the qrcode package) as an image named for what it holds. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useLanguage } from '../i18n/language';

export function InvitationQr({ link, alt, testId = 'host-invitation-qr' }: { link: string; alt?: string; testId?: string }) {
  const { t } = useLanguage();
  const [dataUrl, setDataUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setDataUrl(undefined);
    QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 4, scale: 5, color: { dark: '#000000ff', light: '#ffffffff' } }).then(
      (url) => {
        if (!cancelled) setDataUrl(url);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [link]);
  if (failed) return <p role="alert">{t('hostQrFailed')}</p>;
  if (dataUrl === undefined) return <p role="status">{t('loading')}</p>;
  return <img className="host-qr" src={dataUrl} alt={alt ?? t('hostQrAlt')} data-testid={testId} />;
}
