import { useState } from 'react';
import { AdminPolicy, type AdminPolicyLayers } from '../../../shared/contract/admin';
import type { Language } from '../../../shared/domain';
import type { PolicyKey } from '../../../shared/policy';
import type { BilingualText, PassShows, WalkInApproval, WalkInOfflineFallback } from '../../../shared/visitPolicy';
import { Spinner } from '../../components/Spinner';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';
import { FlagsField, NumberField, PolicyGroup, SelectField, TextAreaField } from './fields';

const TEXT_KEYS = ['noticeText', 'privacyText', 'faceConsentText', 'commitmentText'] as const;
const LIST_KEYS = ['visitTypes', 'visitReasons', 'areas'] as const;
type TextKey = (typeof TEXT_KEYS)[number];
type ListKey = (typeof LIST_KEYS)[number];
const PASS_SHOWS_KEYS = ['hostName', 'company', 'plate', 'reason'] as const;

/** What the form holds: numbers and lists as typed (checked by the shared schema on save), the rest as they are. */
interface Draft {
  temperatureThresholdC: string;
  thermometerOffsetC: string;
  idleTimeoutS: string;
  retentionDays: string;
  language: Language;
  earlyArrivalMinutes: string;
  walkInApproval: WalkInApproval;
  walkInOfflineFallback: WalkInOfflineFallback;
  walkInPassHours: string;
  passShows: PassShows;
  texts: Record<TextKey, BilingualText>;
  /** one entry a line */
  lists: Record<ListKey, string>;
}

const draftOf = (p: AdminPolicy): Draft => ({
  temperatureThresholdC: String(p.temperatureThresholdC),
  thermometerOffsetC: String(p.thermometerOffsetC),
  idleTimeoutS: String(p.idleTimeoutS),
  retentionDays: String(p.retentionDays),
  language: p.language,
  earlyArrivalMinutes: String(p.earlyArrivalMinutes),
  walkInApproval: p.walkInApproval,
  walkInOfflineFallback: p.walkInOfflineFallback,
  walkInPassHours: String(p.walkInPassHours),
  passShows: p.passShows,
  texts: { noticeText: p.noticeText, privacyText: p.privacyText, faceConsentText: p.faceConsentText, commitmentText: p.commitmentText },
  lists: { visitTypes: p.visitTypes.join('\n'), visitReasons: p.visitReasons.join('\n'), areas: p.areas.join('\n') },
});

/** A number as typed: empty is no number (the schema refuses it, naming the field). */
const numberOf = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
const linesOf = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const candidateOf = (d: Draft) => ({
  temperatureThresholdC: numberOf(d.temperatureThresholdC),
  thermometerOffsetC: numberOf(d.thermometerOffsetC),
  idleTimeoutS: numberOf(d.idleTimeoutS),
  retentionDays: numberOf(d.retentionDays),
  language: d.language,
  earlyArrivalMinutes: numberOf(d.earlyArrivalMinutes),
  walkInApproval: d.walkInApproval,
  walkInOfflineFallback: d.walkInOfflineFallback,
  walkInPassHours: numberOf(d.walkInPassHours),
  passShows: d.passShows,
  ...d.texts,
  visitTypes: linesOf(d.lists.visitTypes),
  visitReasons: linesOf(d.lists.visitReasons),
  areas: linesOf(d.lists.areas),
});

/** Each key's label on this screen (also how an error names it). */
const LABELS: Record<keyof AdminPolicy, MessageKey> = {
  temperatureThresholdC: 'admin.policy.threshold',
  thermometerOffsetC: 'admin.policy.offset',
  idleTimeoutS: 'admin.policy.idle',
  retentionDays: 'admin.policy.retention',
  language: 'admin.policy.language',
  earlyArrivalMinutes: 'admin.policy.earlyArrival',
  walkInApproval: 'admin.policy.walkInApproval',
  walkInOfflineFallback: 'admin.policy.walkInOfflineFallback',
  walkInPassHours: 'admin.policy.passHours',
  passShows: 'admin.policy.passShows',
  noticeText: 'admin.policy.text.noticeText',
  privacyText: 'admin.policy.text.privacyText',
  faceConsentText: 'admin.policy.text.faceConsentText',
  commitmentText: 'admin.policy.text.commitmentText',
  visitTypes: 'admin.policy.list.visitTypes',
  visitReasons: 'admin.policy.list.visitReasons',
  areas: 'admin.policy.list.areas',
};

/**
 * The kiosk's policy, in groups (温度 / 到访 / 通行证 / 文本 / 列表): checked by the shared schema (a value it refuses
 * is named and nothing is saved), saved by the core as local overrides, in effect at once. A key the management
 * platform locks is shown read-only with 由管理平台设置 (the core refuses it too).
 */
export function PolicySection() {
  const t = useT();
  const overview = useKiosk((s) => s.admin.overview);
  if (!overview) return <Spinner label={t('admin.loading')} />;
  return <PolicyForm key={JSON.stringify([overview.policy, overview.policyLayers])} policy={overview.policy} layers={overview.policyLayers} />;
}

function PolicyForm({ policy, layers }: { policy: AdminPolicy; layers: AdminPolicyLayers }) {
  const t = useT();
  const { busy, result } = useKiosk((s) => s.admin);
  const save = useKiosk((s) => s.saveAdminPolicy);
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [invalid, setInvalid] = useState<string[] | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const locked = (key: PolicyKey) => layers.locked.includes(key);
  const number = (
    key: 'temperatureThresholdC' | 'thermometerOffsetC' | 'idleTimeoutS' | 'retentionDays' | 'earlyArrivalMinutes' | 'walkInPassHours',
    step: string,
    id: string,
  ) => <NumberField id={id} label={t(LABELS[key])} value={draft[key]} onChange={(v) => set(key, v)} step={step} locked={locked(key)} />;
  return (
    <form
      className="admin__form admin-policy"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = AdminPolicy.safeParse(candidateOf(draft));
        if (!parsed.success) {
          const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
          setInvalid(keys.map((k) => (k in LABELS ? t(LABELS[k as keyof AdminPolicy]) : k)));
          return;
        }
        setInvalid(null);
        void save(parsed.data);
      }}
    >
      <PolicyGroup id="temperature" title={t('admin.policy.group.temperature')}>
        {number('temperatureThresholdC', '0.1', 'admin-policy-threshold')}
        {number('thermometerOffsetC', '0.1', 'admin-policy-offset')}
      </PolicyGroup>
      <PolicyGroup id="visits" title={t('admin.policy.group.visits')}>
        {number('earlyArrivalMinutes', '1', 'admin-policy-early-arrival')}
        <SelectField
          id="admin-policy-walkin-approval"
          label={t('admin.policy.walkInApproval')}
          value={draft.walkInApproval}
          options={(['desk', 'host'] as const).map((v) => ({ value: v, label: t(`admin.policy.walkInApproval.${v}`) }))}
          onChange={(v) => set('walkInApproval', v)}
          locked={locked('walkInApproval')}
        />
        <SelectField
          id="admin-policy-walkin-offline"
          label={t('admin.policy.walkInOfflineFallback')}
          value={draft.walkInOfflineFallback}
          options={(['desk', 'refuse'] as const).map((v) => ({ value: v, label: t(`admin.policy.walkInOfflineFallback.${v}`) }))}
          onChange={(v) => set('walkInOfflineFallback', v)}
          locked={locked('walkInOfflineFallback')}
        />
        {number('idleTimeoutS', '1', 'admin-policy-idle')}
        {number('retentionDays', '1', 'admin-policy-retention')}
        <SelectField
          id="admin-policy-language"
          label={t('admin.policy.language')}
          value={draft.language}
          options={[
            { value: 'zh-CN', label: '简体中文' },
            { value: 'en', label: 'English' },
          ]}
          onChange={(v) => set('language', v)}
          locked={locked('language')}
        />
      </PolicyGroup>
      <PolicyGroup id="pass" title={t('admin.policy.group.pass')}>
        {number('walkInPassHours', '1', 'admin-policy-pass-hours')}
        <FlagsField
          id="admin-policy-pass-shows"
          label={t('admin.policy.passShows')}
          flags={draft.passShows}
          labels={Object.fromEntries(PASS_SHOWS_KEYS.map((k) => [k, t(`admin.policy.passShows.${k}`)])) as Record<keyof PassShows, string>}
          onChange={(v) => set('passShows', v)}
          locked={locked('passShows')}
        />
      </PolicyGroup>
      <PolicyGroup id="texts" title={t('admin.policy.group.texts')}>
        {TEXT_KEYS.flatMap((key) =>
          (['zh-CN', 'en'] as const).map((lang) => (
            <TextAreaField
              key={`${key}-${lang}`}
              id={`admin-policy-${key}-${lang}`}
              label={`${t(LABELS[key])} · ${t(lang === 'zh-CN' ? 'admin.policy.text.zh' : 'admin.policy.text.en')}`}
              hint={t('admin.policy.textHint')}
              value={draft.texts[key][lang]}
              onChange={(v) => set('texts', { ...draft.texts, [key]: { ...draft.texts[key], [lang]: v } })}
              locked={locked(key)}
            />
          )),
        )}
      </PolicyGroup>
      <PolicyGroup id="lists" title={t('admin.policy.group.lists')}>
        {LIST_KEYS.map((key) => (
          <TextAreaField
            key={key}
            id={`admin-policy-${key}`}
            label={t(LABELS[key])}
            hint={t('admin.policy.listHint')}
            value={draft.lists[key]}
            onChange={(v) => set('lists', { ...draft.lists, [key]: v })}
            locked={locked(key)}
            rows={6}
          />
        ))}
      </PolicyGroup>
      {invalid && (
        <p className="pin-pad__notice" role="alert" data-testid="admin-policy-invalid">
          {t('admin.policy.invalidFields', { fields: invalid.join('、') })}
        </p>
      )}
      {result?.kind === 'policy' && <Result testId="admin-policy-saved">{t('admin.policy.saved')}</Result>}
      <button type="submit" className="button button--primary" data-testid="admin-policy-save" disabled={busy}>
        {t('admin.policy.save')}
      </button>
    </form>
  );
}
