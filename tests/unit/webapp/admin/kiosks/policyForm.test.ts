/** The policy editor's draft (src/webapp/admin/kiosks/policyForm.ts): a layer in and out, wrong values named, each key's kind of input. */
import { describe, expect, it } from 'vitest';
import { draftOf, layerOf, valueKind } from '../../../../../src/webapp/admin/kiosks/policyForm';

describe('the policy editor’s draft', () => {
  it('round-trips a layer: values set here, the others inherited, locks kept', () => {
    const layer = { values: { idleTimeoutS: 90, language: 'en' as const, faceUploadAllowed: true, visitTypes: ['面试'] }, locked: ['idleTimeoutS' as const] };
    const draft = draftOf(layer);
    expect(draft.idleTimeoutS).toEqual({ set: true, text: '90', locked: true });
    expect(draft.retentionDays).toEqual({ set: false, text: '180', locked: false });
    expect(layerOf(draft)).toEqual({ layer });
  });

  it('names every wrong value and gives no layer', () => {
    const draft = draftOf({ values: {}, locked: [] });
    draft.idleTimeoutS = { set: true, text: '5', locked: false };
    draft.visitTypes = { set: true, text: '["a",', locked: false };
    draft.temperatureThresholdC = { set: false, text: 'not a number', locked: true };
    expect(layerOf(draft)).toEqual({ invalid: ['idleTimeoutS', 'visitTypes'] });
  });

  it('edits each key by its kind', () => {
    expect(valueKind('idleTimeoutS')).toEqual({ kind: 'number' });
    expect(valueKind('faceUploadAllowed')).toEqual({ kind: 'boolean' });
    expect(valueKind('walkInApproval')).toEqual({ kind: 'choice', options: ['desk', 'host'] });
    expect(valueKind('noticeText')).toEqual({ kind: 'json' });
  });
});
