// The lead-scoring rules in force and their version (0: the defaults), editable by those
// who may set them (`sales.settings.write`: sales managers and administrators), read-only
// to the others. Saving stays pending until the server's rules show the new version; the
// server's refusal (points beyond ±100, bands that do not rise) is shown in an alert.

import { Text } from '@mantine/core';
import { useState } from 'react';

import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { usePermissions } from '@/lib/permissions/authorization';

import { useScoringRules, useSetScoringRules } from '../api/scoring-rules';
import { ScoringRulesForm } from '../components/scoring-rules-form';

export function ScoringRulesRoute() {
  const rules = useScoringRules();
  const version = rules.data?.leadScoringRules.version ?? 0;
  const save = useSetScoringRules(version);
  const { can } = usePermissions();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Page
      title="Scoring rules"
      description={`Version ${version}${version === 0 ? ' (the defaults)' : ''}. A lead's score is the sum of its factors: points for its sector and province, the highest CIDB grade and project size band it reaches, its campaign responses and a booked site visit.`}
      actions={<AppLink to="/sales/lead-scores">Lead scores</AppLink>}
    >
      <QueryState query={rules} action="read the scoring rules">
        {(d) => (
          <ScoringRulesForm
            key={d.leadScoringRules.version}
            rules={d.leadScoringRules}
            canEdit={can('sales.settings.write')}
            submitting={save.isPending}
            error={save.error}
            onSubmit={(input) => {
              setDone(null);
              save.mutate(input, { onSuccess: () => setDone('Rules saved; every lead is scored again by them.') });
            }}
          />
        )}
      </QueryState>
      {done ? (
        <Text role="status" size="sm">
          {done}
        </Text>
      ) : null}
    </Page>
  );
}
