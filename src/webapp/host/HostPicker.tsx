/**
 * The apply form's host picker (issue 13 item 5): the visitor types the beginning of the host's name and picks them
 * from the site's public directory (GET /sites/{siteId}/hosts?q=), seeing names and departments, never phones; the
 * chosen entry's id is the booking's hostId. An ARIA 1.2 combobox: the input (role combobox, aria-expanded,
 * aria-controls, aria-activedescendant) owns a listbox; ↓/↑ move, Enter picks, Esc closes; how many were found is
 * announced in a live region.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HostDirectoryEntry } from '../../shared/hostDesk';
import { ApiFailure } from '../api/client';
import { searchHostDirectory } from '../api/hostClient';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';

export interface HostPickerProps {
  /** the input's id (its listbox is `${id}-listbox`) */
  id: string;
  siteId: string;
  label: string;
  /** the picked host, or undefined while none is */
  value: HostDirectoryEntry | undefined;
  onChange: (host: HostDirectoryEntry | undefined) => void;
  required?: boolean;
  error?: string | undefined;
  /** wait this long after the last key before asking the cloud (ms) */
  debounceMs?: number;
}

const entryText = (h: HostDirectoryEntry) => `${h.name}（${h.department}）`;

export function HostPicker({ id, siteId, label, value, onChange, required = false, error, debounceMs = 250 }: HostPickerProps) {
  const { t } = useLanguage();
  const [text, setText] = useState(value ? entryText(value) : '');
  const [options, setOptions] = useState<HostDirectoryEntry[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const asked = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (value !== undefined || q === '' || !open) return;
    const mine = ++asked.current;
    const timer = setTimeout(() => {
      searchHostDirectory(siteId, q).then(
        ({ hosts }) => {
          if (mine !== asked.current) return;
          setOptions(hosts);
          setActive(hosts.length > 0 ? 0 : -1);
          setStatus(hosts.length > 0 ? t('hostPickerFound', { n: hosts.length }) : t('hostPickerNone'));
        },
        (err: unknown) => {
          if (mine !== asked.current) return;
          setOptions([]);
          setStatus(
            err instanceof ApiFailure && err.body.error === 'rate_limited'
              ? t('hostTooManyTries')
              : err instanceof ApiFailure
                ? t('hostPickerNone')
                : t('networkError'),
          );
        },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [text, siteId, value, open, debounceMs, t]);

  const pick = (h: HostDirectoryEntry) => {
    onChange(h);
    setText(entryText(h));
    setOpen(false);
    setOptions([]);
    setActive(-1);
    setStatus(t('hostPickerPicked', { name: h.name }));
  };
  const expanded = open && options.length > 0;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!expanded) {
        setOpen(true);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      pick(options[active]!);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
    }
  };
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div className="host-picker">
      <Field id={id} label={label} hint={t('hostPickerHint')} required={required} error={error}>
        <input
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-listbox`}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            if (value !== undefined) onChange(undefined);
            if (e.target.value.trim() === '') {
              setOptions([]);
              setStatus('');
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
      </Field>
      <ul id={`${id}-listbox`} role="listbox" aria-label={label} className="host-picker-options" hidden={!expanded}>
        {options.map((h, i) => (
          <li
            key={h.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            data-testid="host-picker-option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(h)}
          >
            {h.name} <span className="host-picker-department">{h.department}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status" data-testid={`${id}-status`}>
        {status}
      </p>
    </div>
  );
}
