import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import { factValue, ScoreFactorsTable } from './score-factors';

const FACTORS = [
  { factor: 'SECTOR', value: 'COMMERCIAL', points: 15, explanation: 'sector COMMERCIAL scores 15' },
  { factor: 'PROVINCE', value: 'KWAZULU_NATAL', points: 10, explanation: 'work in KWAZULU_NATAL scores 10' },
  { factor: 'CIDB_GRADE', value: '6', points: 20, explanation: 'CIDB grade 6 is in the band from grade 6: 20' },
  { factor: 'PROJECT_SIZE', value: '2500000.00', points: 10, explanation: 'an estimated R 2500000.00 is in the band from R 2000000.00: 10' },
  { factor: 'CAMPAIGN_RESPONSES', value: '6', points: 20, explanation: '6 campaign responses, 4 counted (at most 4) × 5' },
  { factor: 'SITE_VISIT', value: null, points: 0, explanation: 'no site visit booked' },
];

describe('the factor table of a lead’s score', () => {
  it('renders one row per factor — its fact, points and why — and the total', () => {
    renderWithApp(<ScoreFactorsTable factors={FACTORS} total={75} />);
    const table = screen.getByRole('table', { name: 'Score factors' });
    const row = (name: string) => within(table).getByRole('row', { name });
    const cells = (name: string) => within(row(name)).getAllByRole('cell').map((c) => c.textContent);

    expect(cells('Sector')).toEqual(['Sector', 'Commercial', '15', 'sector COMMERCIAL scores 15']);
    expect(cells('Province')).toEqual(['Province', 'KwaZulu-Natal', '10', 'work in KWAZULU_NATAL scores 10']);
    expect(cells('CIDB grade')).toEqual(['CIDB grade', 'Grade 6', '20', 'CIDB grade 6 is in the band from grade 6: 20']);
    expect(cells('Project size')).toEqual(['Project size', 'R 2 500 000.00', '10', 'an estimated R 2500000.00 is in the band from R 2000000.00: 10']);
    expect(cells('Campaign responses')).toEqual(['Campaign responses', '6', '20', '6 campaign responses, 4 counted (at most 4) × 5']);
    expect(cells('Site visit')).toEqual(['Site visit', 'not known', '0', 'no site visit booked']);
    // Six factors and the total, in a footer of their own.
    expect(within(table).getAllByRole('row')).toHaveLength(1 + FACTORS.length + 1);
    expect(row('Total')).toHaveTextContent(/^Total75$/);
  });

  it('says each fact in words', () => {
    expect(factValue('SITE_VISIT', 'BOOKED')).toBe('Booked');
    expect(factValue('SECTOR', 'INFRASTRUCTURE')).toBe('Infrastructure');
    expect(factValue('PROVINCE', 'GAUTENG')).toBe('Gauteng');
    expect(factValue('PROJECT_SIZE', null)).toBe('not known');
  });
});
