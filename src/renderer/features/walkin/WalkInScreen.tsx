import { IdType } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { fieldKindForIdType } from '../../components/keyboard/layouts';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { CardBanner } from '../checkin/CardBanner';
import { StaffNotePanel } from '../checkin/StaffNotePanel';
import { Companions, WalkInTemperature } from './Companions';
import { FacePhotoPanel } from './FacePhotoPanel';
import { Field, ListInput, TextInput } from './Field';
import { HostPicker } from './HostPicker';
import { HostWaitScreen } from './HostWait';
import { PolicyText } from './PolicyTexts';
import { LastVisitPanel, TodayVisitorsPanel } from './Lookups';
import { WaitingVisitorsPanel } from './WaitingVisitors';

/** 访客登记: the seed 004 form, prefilled from the ID card, the last visit or one of today's visitors. */
export function WalkInScreen() {
  const t = useT();
  const w = useKiosk((s) => s.walkin);
  const setField = useKiosk((s) => s.setWalkInField);
  const submit = useKiosk((s) => s.submitWalkIn);
  const acknowledge = useKiosk((s) => s.acknowledgeWalkInNote);
  const { form, card, options } = w;
  if (w.hostWait) return <HostWaitScreen />;
  const sexKey = (sex: string): MessageKey => (sex === '男' ? 'walkin.sex.male' : sex === '女' ? 'walkin.sex.female' : 'walkin.sex.unknown');

  return (
    <section className="screen walkin" data-testid="walkin-screen">
      <OnScreenKeyboard>
        <ScreenHeader title={t('walkin.title')} />
        <ErrorBanner error={w.error} />
        <PolicyText which="noticeText" />
        <WaitingVisitorsPanel />
        {card ? <CardBanner card={card} /> : <p className="field__hint">{t('walkin.cardHint')}</p>}
        <LastVisitPanel />
        <div className="walkin__grid">
          {card ? (
            <dl className="card walkin__card-facts" data-testid="walkin-card-facts">
              <dt>{t('walkin.name')}</dt>
              <dd data-testid="walkin-card-name">{card.name}</dd>
              <dt>{t('walkin.sex')}</dt>
              <dd>{t(sexKey(card.sex))}</dd>
              {card.nation && (
                <>
                  <dt>{t('walkin.nation')}</dt>
                  <dd>{card.nation}</dd>
                </>
              )}
              <dt>{t('walkin.birthDate')}</dt>
              <dd>{card.birthDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')}</dd>
              <dt>{t('walkin.idNumber')}</dt>
              <dd data-testid="walkin-card-id">{card.idNumberMasked}</dd>
            </dl>
          ) : (
            <>
              <Field label={t('walkin.name')}>
                <TextInput testId="walkin-name" kind="chinese" value={form.name} onChange={(v) => setField('name', v)} />
              </Field>
              <Field label={t('walkin.idType')}>
                <select
                  className="field__input"
                  data-testid="walkin-id-type"
                  value={form.idType}
                  onChange={(e) => setField('idType', IdType.parse(e.target.value))}
                >
                  {IdType.options.map((o) => (
                    <option key={o} value={o}>
                      {t(`walkin.idType.${o}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('walkin.idNumber')}>
                <TextInput testId="walkin-id-number" kind={fieldKindForIdType(form.idType)} value={form.idNumber} onChange={(v) => setField('idNumber', v)} />
              </Field>
            </>
          )}
          <Field label={t('walkin.phone')}>
            <TextInput testId="walkin-phone" kind="digits" inputMode="tel" value={form.phone} onChange={(v) => setField('phone', v)} />
            {w.reusedPhone && form.phone.trim() === '' && (
              <span className="field__hint" data-testid="walkin-phone-reused">
                {t('walkin.phoneReused', { phone: w.reusedPhone.phoneMasked })}
              </span>
            )}
          </Field>
          <Field label={t('walkin.company')}>
            <TextInput testId="walkin-company" kind="chinese" value={form.company} onChange={(v) => setField('company', v)} />
          </Field>
          <Field label={t('walkin.jobTitle')}>
            <TextInput testId="walkin-title" kind="chinese" value={form.title} onChange={(v) => setField('title', v)} />
          </Field>
        </div>
        <HostPicker />
        <div className="walkin__grid">
          <Field label={t('walkin.visitType')}>
            <ListInput
              testId="walkin-visit-type"
              placeholder={t('walkin.choose')}
              options={options?.visitTypes ?? []}
              free={false}
              value={form.visitType}
              onChange={(v) => setField('visitType', v)}
            />
          </Field>
          <Field label={t('walkin.reason')}>
            <ListInput
              testId="walkin-reason"
              placeholder={t('walkin.choose')}
              options={options?.visitReasons ?? []}
              free={options?.freeTextReason ?? true}
              value={form.reason}
              onChange={(v) => setField('reason', v)}
            />
          </Field>
          <Field label={t('walkin.area')}>
            <ListInput
              testId="walkin-area"
              placeholder={t('walkin.choose')}
              options={options?.areas ?? []}
              free={false}
              value={form.area}
              onChange={(v) => setField('area', v)}
            />
          </Field>
          <Field label={t('walkin.start')}>
            <input
              className="field__input"
              type="datetime-local"
              data-testid="walkin-start"
              value={form.start}
              onChange={(e) => setField('start', e.target.value)}
            />
          </Field>
          <Field label={t('walkin.end')}>
            <input className="field__input" type="datetime-local" data-testid="walkin-end" value={form.end} onChange={(e) => setField('end', e.target.value)} />
          </Field>
          <Field label={t('walkin.remarks')}>
            <TextInput testId="walkin-remarks" kind="chinese" value={form.remarks} onChange={(v) => setField('remarks', v)} />
          </Field>
          <Field label={t('walkin.belongings')}>
            <TextInput testId="walkin-belongings" kind="chinese" value={form.belongings} onChange={(v) => setField('belongings', v)} />
          </Field>
          <label className="walkin__check">
            <input type="checkbox" data-testid="walkin-self-drive" checked={form.selfDrive} onChange={(e) => setField('selfDrive', e.target.checked)} />
            {t('walkin.selfDrive')}
          </label>
          {form.selfDrive && (
            <Field label={t('walkin.plate')}>
              <TextInput testId="walkin-plate" kind="plate" value={form.plate} onChange={(v) => setField('plate', v)} />
            </Field>
          )}
        </div>
        <Companions />
        <WalkInTemperature />
        <TodayVisitorsPanel />
        <FacePhotoPanel />
        <PolicyText which="privacyText" />
        <PolicyText which="commitmentText" />
        <StaffNotePanel warnings={w.screening?.staffWarnings} acknowledged={w.staffAcknowledged} onAcknowledge={() => void acknowledge()} />
        <button
          type="button"
          className="button button--primary button--huge"
          data-testid="walkin-submit"
          disabled={w.submitting || w.screening?.refused === true}
          aria-busy={w.submitting}
          onClick={() => void submit()}
        >
          {w.submitting ? t('walkin.submitting') : t('walkin.submit')}
        </button>
      </OnScreenKeyboard>
    </section>
  );
}
