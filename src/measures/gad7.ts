import { clonePlain } from '../internal/clone.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { Instrument, ResponseOption } from './instrument.js';
import { difficultyOptions, frequencyOptionList } from './phq9.js';

const gad7Items: [string, string, string][] = [
  ['item1', 'Feeling nervous, anxious or on edge', '69725-0'],
  ['item2', 'Not being able to stop or control worrying', '68509-9'],
  ['item3', 'Worrying too much about different things', '69733-4'],
  ['item4', 'Trouble relaxing', '69734-2'],
  ['item5', 'So restless that it is hard to sit still', '69735-9'],
  ['item6', 'Becoming easily annoyed or irritable', '69689-6'],
  ['item7', 'Feeling afraid as if something awful might happen', '69736-7'],
];

/**
 * The GAD-7 (Generalized Anxiety Disorder, 7 items; Spitzer et al. 2006). Items `item1`-`item7`
 * are answered 0-3 and summed to a total of 0-21. Bands: 0-4 minimal, 5-9 mild,
 * 10-14 moderate, 15-21 severe; 10 or more is a reasonable cut-point for further evaluation.
 * `difficulty` is the functional question, kept but never added. Missing items are rejected by
 * default.
 *
 * Item `text` holds iptkit's short labels, not the official wording. Licence: free to use like the
 * PHQ (same copyright line; UNCONFIRMED for the GAD-7 form text itself).
 * LOINC: panel 69737-5, total 70274-6. The item codes come from a single source [FHIRQ-TS] and the
 * reuse of 69722-7 for the difficulty question is UNCONFIRMED as official [HEALTHDATA]: both are
 * marked so in the items' provenance.
 * @see IPT reference 7.2 ([GAD7-ARAB], [JOTFORM]) and 9 ([MII], [GROVE])
 * @category Measures
 */
export const gad7: DeepReadonly<Instrument> = deepFreeze<Instrument>({
  id: 'gad-7',
  version: '1.0.0',
  title: 'Generalized Anxiety Disorder-7 (GAD-7)',
  licence:
    'Free to use like the PHQ family (same copyright line); UNCONFIRMED for the GAD-7 form text itself.',
  citation: 'Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 166:1092 (2006)',
  provenance: {
    sources: ['GAD7-ARAB', 'JOTFORM', 'PHQ-FORM'],
    note: 'The reference names Spitzer et al. 2006; the journal details of the citation are background knowledge.',
  },
  loinc: { panel: '69737-5', total: '70274-6' },
  items: [
    ...gad7Items.map(([id, text, loinc]) => ({
      id,
      text,
      loinc,
      options: frequencyOptionList(),
      countsTowardTotal: true,
      provenance: {
        sources: ['FHIRQ-TS'],
        unconfirmed: true,
        note: 'Item LOINC code from a single source; verify before relying on it.',
      },
    })),
    {
      id: 'difficulty',
      text: 'How difficult these problems have made work, home life or getting along with others',
      loinc: '69722-7',
      options: clonePlain(difficultyOptions) as ResponseOption[],
      countsTowardTotal: false,
      provenance: {
        sources: ['HEALTHDATA'],
        unconfirmed: true,
        note: 'Reuse of the PHQ difficulty code for GAD-7 is UNCONFIRMED as official.',
      },
    },
  ],
  scoring: { kind: 'sum', missing: { kind: 'reject' } },
  bandSets: [
    {
      id: 'spitzer-2006',
      label: 'Spitzer et al. 2006 severity',
      bands: [
        { id: 'minimal', label: 'minimal', min: 0, max: 4 },
        { id: 'mild', label: 'mild', min: 5, max: 9 },
        { id: 'moderate', label: 'moderate', min: 10, max: 14 },
        { id: 'severe', label: 'severe', min: 15, max: 21 },
      ],
      provenance: { sources: ['GAD7-ARAB', 'JOTFORM'] },
    },
  ],
  defaultBandSet: 'spitzer-2006',
  flags: [],
  higherIsWorse: true,
});
