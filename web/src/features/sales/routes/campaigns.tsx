// Marketing campaigns, latest first: channel, period, budget and spent, the leads their
// responses brought, site visits, opportunities won and lost, and — in bold — cost per
// lead and win rate, as the server works them out. "Plan campaign" for those who may run
// campaigns (`sales.settings.write`: sales managers and administrators).

import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { DataTable } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import { usePlanCampaign } from '../api/campaign-actions';
import { useCampaigns } from '../api/get-campaigns';
import { CAMPAIGN_COLUMNS } from '../components/campaign-figures';
import { PlanCampaignForm } from '../components/campaign-form';

function PlanCampaign() {
  const plan = usePlanCampaign();
  const [opened, setOpened] = useState(false);
  const [done, setDone] = useState<{ id: string; name: string } | null>(null);
  return (
    <Authorization allowed="sales.settings.write">
      <Stack gap={4} align="flex-end">
        <Button
          onClick={() => {
            plan.reset();
            setOpened(true);
          }}
        >
          Plan campaign
        </Button>
        {done ? (
          <Text role="status" size="sm">
            Campaign <AppLink to={`/sales/campaigns/${done.id}`}>{done.name}</AppLink> planned.
          </Text>
        ) : null}
      </Stack>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Plan campaign" size="lg">
        <PlanCampaignForm
          submitting={plan.isPending}
          error={plan.error}
          onCancel={() => setOpened(false)}
          onSubmit={(input) =>
            plan.mutate(input, {
              onSuccess: (id) => {
                setDone({ id, name: input.name });
                setOpened(false);
              },
            })
          }
        />
      </Modal>
    </Authorization>
  );
}

export function CampaignsRoute() {
  const campaigns = useCampaigns();
  return (
    <Page
      title="Campaigns"
      description="What each campaign cost and brought: leads by their first response, the opportunities they became; cost per lead is spent ÷ leads, win rate won ÷ (won + lost)."
      actions={<PlanCampaign />}
    >
      <QueryState query={campaigns} action="read campaigns" isEmpty={(d) => d.campaigns.length === 0} empty="No campaigns yet.">
        {(d) => <DataTable label="Campaigns" columns={CAMPAIGN_COLUMNS} rows={d.campaigns} rowKey={(c) => c.id} rowLabel={(c) => c.name} minWidth={1200} />}
      </QueryState>
    </Page>
  );
}
