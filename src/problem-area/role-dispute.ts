import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * The stage of a role dispute. A dispute always has one; it can change during treatment and it
 * drives the goals.
 * @see IPT reference 2.3 and 11, invariant 6 ([MEMPHIS-RD], [CITC-RD], [PDFSLIDE-RD])
 * @category Problem area
 */
export const DisputeStage = z.enum(['renegotiation', 'impasse', 'dissolution']);
/** @category Problem area */
export type DisputeStage = z.infer<typeof DisputeStage>;

/**
 * How a dispute stage is recognised and what it means for treatment.
 * @category Problem area
 */
export interface DisputeStageInfo {
  readonly id: DisputeStage;
  readonly recognisedBy: string;
  readonly treatmentImplication: string;
  readonly sources: readonly SourceKey[];
}

/**
 * The three role-dispute stages.
 * @see IPT reference 2.3
 * @category Problem area
 */
export const disputeStages: Readonly<Record<DisputeStage, DisputeStageInfo>> = deepFreeze({
  renegotiation: {
    id: 'renegotiation',
    recognisedBy:
      'Both parties know they differ and are actively, if unsuccessfully, trying to change things.',
    treatmentImplication:
      'Calm the parties and improve communication and negotiation so they reach a resolution.',
    sources: ['CITC-RD', 'MEMPHIS-RD', 'PDFSLIDE-RD'],
  },
  impasse: {
    id: 'impasse',
    recognisedBy: 'Discussion has stopped; low-grade resentment, a "cold war".',
    treatmentImplication:
      'Bring the dispute back into the open to restart negotiation (conflict may rise for a while), or consider dissolution.',
    sources: ['MEMPHIS-RD', 'PDFSLIDE-RD'],
  },
  dissolution: {
    id: 'dissolution',
    recognisedBy: 'The relationship is judged irretrievably broken.',
    treatmentImplication:
      'Help end the relationship and mourn it, as in grief work, so the client can move on.',
    sources: ['MEMPHIS-RD', 'PDFSLIDE-RD'],
  },
});
