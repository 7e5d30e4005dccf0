import type { ReactNode } from 'react';

/** One labelled fact in a `<dl>` (booking details, the pass): the label above, the value below. */
export function Detail({ label, children, wide, valueTestId }: { label: string; children: ReactNode; wide?: boolean; valueTestId?: string }) {
  return (
    <div className={`detail${wide ? ' detail--wide' : ''}`}>
      <dt className="detail__label">{label}</dt>
      <dd className="detail__value" data-testid={valueTestId}>
        {children}
      </dd>
    </div>
  );
}
