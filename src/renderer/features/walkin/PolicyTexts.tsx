import { policyTextIn, visitPolicyIn, type VisitPolicyValues } from '../../../shared/visitPolicy';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';

type TextKey = 'noticeText' | 'privacyText' | 'commitmentText';

const TITLES: Record<TextKey, MessageKey> = {
  noticeText: 'walkin.policy.notice',
  privacyText: 'walkin.policy.privacy',
  commitmentText: 'walkin.policy.commitment',
};

/**
 * A text the site's policy sets (须知, privacy, 承诺书) in the kiosk's language, as plain text with its lines kept;
 * nothing when the site set none. In effect as soon as a sync brings it.
 */
export function PolicyText({ which }: { which: TextKey }) {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const texts: VisitPolicyValues[TextKey] = useKiosk((s) => visitPolicyIn(s.settings)[which]);
  const text = policyTextIn(texts, language);
  if (text === undefined) return null;
  const id = `walkin-${which}`;
  return (
    <section className="card walkin__policy-text" data-testid={id} aria-labelledby={`${id}-title`}>
      <h2 className="walkin__policy-title" id={`${id}-title`}>
        {t(TITLES[which])}
      </h2>
      <p className="policy-text">{text}</p>
    </section>
  );
}
