// What marketing's forms check before anything is sent, as the server checks it
// (`domain/src/sales/marketing`, docs/sales.md): a campaign's name on one line of at most
// 200 characters, a budget in rand (nought or more, at most two decimal places), an end
// not before its start, a minimum CIDB grade from 1 to 9; spend above nought with a note
// of at most 500 characters. And the names the screens give the schema's enums.

import type { CampaignChannel, CampaignResponseKind, Province, Sector } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';
import { parseRand } from '@/lib/money';

export const CHANNELS: readonly { value: CampaignChannel; label: string }[] = [
  { value: 'EMAIL', label: 'Email' },
  { value: 'EVENT', label: 'Event' },
  { value: 'TRADE_SHOW', label: 'Trade show' },
  { value: 'PRINT', label: 'Print' },
  { value: 'RADIO', label: 'Radio' },
  { value: 'SOCIAL', label: 'Social media' },
  { value: 'WEBSITE', label: 'Website' },
  { value: 'OTHER', label: 'Other' },
];

export const SECTORS: readonly { value: Sector; label: string }[] = [
  { value: 'RESIDENTIAL', label: 'Residential' },
  { value: 'COMMERCIAL', label: 'Commercial' },
  { value: 'INDUSTRIAL', label: 'Industrial' },
  { value: 'INFRASTRUCTURE', label: 'Infrastructure' },
  { value: 'MINING', label: 'Mining' },
  { value: 'GOVERNMENT', label: 'Government' },
  { value: 'OTHER', label: 'Other' },
];

export const PROVINCES: readonly { value: Province; label: string }[] = [
  { value: 'EASTERN_CAPE', label: 'Eastern Cape' },
  { value: 'FREE_STATE', label: 'Free State' },
  { value: 'GAUTENG', label: 'Gauteng' },
  { value: 'KWAZULU_NATAL', label: 'KwaZulu-Natal' },
  { value: 'LIMPOPO', label: 'Limpopo' },
  { value: 'MPUMALANGA', label: 'Mpumalanga' },
  { value: 'NORTHERN_CAPE', label: 'Northern Cape' },
  { value: 'NORTH_WEST', label: 'North West' },
  { value: 'WESTERN_CAPE', label: 'Western Cape' },
];

export const RESPONSE_KINDS: readonly { value: CampaignResponseKind; label: string }[] = [
  { value: 'RESPONDED', label: 'Responded' },
  { value: 'SITE_VISIT_BOOKED', label: 'Site visit booked' },
];

/** CIDB grades, 1 to 9. */
export const CIDB_GRADES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

const labelOf = (list: readonly { value: string; label: string }[], value: string | null | undefined) =>
  value ? (list.find((x) => x.value === value)?.label ?? value) : '';

export const channelLabel = (value: string | null | undefined) => labelOf(CHANNELS, value);
export const sectorLabel = (value: string | null | undefined) => labelOf(SECTORS, value);
export const provinceLabel = (value: string | null | undefined) => labelOf(PROVINCES, value);

/** What is wrong with a one-line name of at most 200 characters (null: nothing). */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return 'Required';
  if (/[\r\n]/.test(name)) return 'One line only';
  if (name.trim().length > 200) return 'At most 200 characters';
  return null;
}

/** What is wrong with an amount in rand; `positive`: above nought, else nought or more. */
export function randProblem(text: string, positive: boolean): string | null {
  if (!text.trim()) return 'Required';
  const cents = parseRand(text);
  if (cents === null) return 'An amount in rand with at most two decimal places, e.g. 45000.00';
  if (positive ? cents <= 0n : cents < 0n) return positive ? 'More than nought' : 'Nought or more';
  return null;
}

export interface PlanValues {
  name: string;
  channel: CampaignChannel;
  budget: string;
  startsOn: string;
  endsOn: string;
  sectors: Sector[];
  provinces: Province[];
  /** Empty: any grade. */
  minCidbGrade: string;
}

export type PlanField = 'name' | 'channel' | 'budget' | 'startsOn' | 'endsOn' | 'minCidbGrade';

export function planProblems(v: PlanValues): Partial<Record<PlanField, string>> {
  const problems: Partial<Record<PlanField, string>> = {};
  const name = nameProblem(v.name);
  if (name) problems.name = name;
  const budget = randProblem(v.budget, false);
  if (budget) problems.budget = budget;
  if (!v.startsOn) problems.startsOn = 'Required';
  if (!v.endsOn) problems.endsOn = 'Required';
  else if (v.startsOn && v.endsOn < v.startsOn) problems.endsOn = 'The campaign may not end before it starts';
  if (v.minCidbGrade && !CIDB_GRADES.includes(Number(v.minCidbGrade))) problems.minCidbGrade = 'A CIDB grade from 1 to 9';
  return problems;
}

export interface SpendFormValues {
  amount: string;
  note: string;
  on: string;
}

export function spendProblems(v: SpendFormValues): Partial<Record<keyof SpendFormValues, string>> {
  const problems: Partial<Record<keyof SpendFormValues, string>> = {};
  const amount = randProblem(v.amount, true);
  if (amount) problems.amount = amount;
  if (!v.note.trim()) problems.note = 'Say what it was for';
  else if (v.note.trim().length > 500) problems.note = 'At most 500 characters';
  if (!v.on) problems.on = 'Required';
  return problems;
}

/**
 * The server's words by the field of the form they name: `input.budget: …` at the
 * budget, `endsOn: …` at the end date, `cidbGrade: …` at the minimum grade.
 */
export function serverFields(error: unknown, rename: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const bare = field.replace(/^input\./, '').replace(/^segment\./, '');
    fields[rename[bare] ?? bare] = message;
  }
  return fields;
}
