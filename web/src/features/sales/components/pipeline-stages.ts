// The stages of the pipeline board, in order: the four open ones, then won and lost —
// each with what the board calls it and the probability the forecast weighs it by.

import type { OpportunityStage } from '@/gql/graphql';

export interface StageInfo {
  stage: OpportunityStage;
  label: string;
  /** Percent. */
  probability: number;
  /** Still pursued (not won or lost): opportunities move between open stages. */
  open: boolean;
}

export const STAGE_ORDER: readonly OpportunityStage[] = ['QUALIFICATION', 'SITE_VISIT', 'TENDER', 'NEGOTIATION', 'WON', 'LOST'];

/**
 * The stages as the server has them before anyone configures them
 * (`domain/src/sales/stage.rs`): what the board shows when `pipelineStages` cannot be read.
 */
export const DEFAULT_STAGES: readonly StageInfo[] = [
  { stage: 'QUALIFICATION', label: 'Qualification', probability: 10, open: true },
  { stage: 'SITE_VISIT', label: 'Site visit', probability: 25, open: true },
  { stage: 'TENDER', label: 'Tender', probability: 50, open: true },
  { stage: 'NEGOTIATION', label: 'Negotiation', probability: 75, open: true },
  { stage: 'WON', label: 'Won', probability: 100, open: false },
  { stage: 'LOST', label: 'Lost', probability: 0, open: false },
];

/** `stages` in the board's order, every stage present (a missing one as it defaults). */
export function boardStages(stages: readonly StageInfo[] | undefined): StageInfo[] {
  return STAGE_ORDER.map((stage) => stages?.find((s) => s.stage === stage) ?? (DEFAULT_STAGES.find((s) => s.stage === stage) as StageInfo));
}
