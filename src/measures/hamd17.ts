import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { Instrument, ResponseOption } from './instrument.js';

const anchors = (max: number): ResponseOption[] =>
  Array.from({ length: max + 1 }, (_, value) => ({
    value,
    label: value === 0 ? '0 (absent)' : String(value),
  }));

/** [id, short label, highest score] in the scale's usual order. */
const hamdItems: [string, string, 2 | 4][] = [
  ['item1', 'Depressed mood', 4],
  ['item2', 'Feelings of guilt', 4],
  ['item3', 'Suicide', 4],
  ['item4', 'Insomnia: early', 2],
  ['item5', 'Insomnia: middle', 2],
  ['item6', 'Insomnia: late', 2],
  ['item7', 'Work and activities', 4],
  ['item8', 'Retardation', 4],
  ['item9', 'Agitation', 4],
  ['item10', 'Anxiety: psychic', 4],
  ['item11', 'Anxiety: somatic', 4],
  ['item12', 'Somatic symptoms: gastrointestinal', 2],
  ['item13', 'Somatic symptoms: general', 2],
  ['item14', 'Genital symptoms', 2],
  ['item15', 'Hypochondriasis', 4],
  ['item16', 'Loss of weight', 2],
  ['item17', 'Insight', 2],
];

/**
 * The Hamilton Depression Rating Scale, 17 items (HAM-D-17 / HDRS-17), clinician-rated. Nine items
 * are scored 0-4 and eight 0-2 (the three insomnia items, gastrointestinal and general somatic
 * symptoms, genital symptoms, weight loss and insight), for a total of 0-52.
 *
 * Severity bands are source-dependent, so two sets are provided and the score names the one used:
 * - `common` (default): 0-7 normal, 8-13 mild, 14-18 moderate, 19-22 severe, 23-52 very severe
 *   [HAMD-S];
 * - `zimmerman-2013`: 0-7 none, 8-16 mild, 17-23 moderate, 24-52 severe [HAMD-Z].
 *
 * The split of items into 0-4 and 0-2 is partly UNCONFIRMED in the reference (the 0-2 group is as
 * listed there; the names of the 0-4 items are the scale's usual ones). Item labels are iptkit's
 * short names; the anchors of each score are not reproduced. Licence: public domain [SURVEYDR].
 * @see IPT reference 7.3 ([CAMCOPS], [HAMD-DA], [HAMD-ITEMS], [MDICU], [HAMD-S], [HAMD-Z])
 * @category Measures
 */
export const hamd17: DeepReadonly<Instrument> = deepFreeze<Instrument>({
  id: 'hamd-17',
  version: '1.0.0',
  title: 'Hamilton Depression Rating Scale, 17 items (HAM-D-17)',
  licence: 'Public domain.',
  citation: 'Hamilton, J Neurol Neurosurg Psychiatry 23:56 (1960)',
  provenance: {
    sources: ['CAMCOPS', 'HAMD-DA', 'HAMD-ITEMS', 'MDICU', 'SURVEYDR'],
    unconfirmed: true,
    note: 'The division of items into 0-4 and 0-2 is partly UNCONFIRMED. The citation of Hamilton (1960) is background knowledge, not from the project reference.',
  },
  items: hamdItems.map(([id, text, max]) => ({
    id,
    text,
    options: anchors(max),
    countsTowardTotal: true,
  })),
  scoring: { kind: 'sum', missing: { kind: 'reject' } },
  bandSets: [
    {
      id: 'common',
      label: 'Commonly used HDRS-17 severity bands',
      bands: [
        { id: 'normal', label: 'normal', min: 0, max: 7 },
        { id: 'mild', label: 'mild', min: 8, max: 13 },
        { id: 'moderate', label: 'moderate', min: 14, max: 18 },
        { id: 'severe', label: 'severe', min: 19, max: 22 },
        { id: 'very-severe', label: 'very severe', min: 23, max: 52 },
      ],
      provenance: { sources: ['HAMD-S'] },
    },
    {
      id: 'zimmerman-2013',
      label: 'Zimmerman et al. 2013 empirical severity bands',
      bands: [
        { id: 'none', label: 'no depression', min: 0, max: 7 },
        { id: 'mild', label: 'mild', min: 8, max: 16 },
        { id: 'moderate', label: 'moderate', min: 17, max: 23 },
        { id: 'severe', label: 'severe', min: 24, max: 52 },
      ],
      provenance: { sources: ['HAMD-Z'] },
    },
  ],
  defaultBandSet: 'common',
  flags: [],
  higherIsWorse: true,
});
