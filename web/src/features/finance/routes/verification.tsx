// For auditors: recompute every finance hash chain and ledger anchor, on request, and
// see whether the ledger is intact or where it first breaks.

import { Alert, Button, Group, Table } from '@mantine/core';
import { useState } from 'react';

import { NumberCell } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { ErrorAlert, Loading } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

import { useLedgerVerification } from '../api/verify-ledger';

export function VerificationRoute() {
  const [asked, setAsked] = useState(false);
  const verification = useLedgerVerification(asked);
  return (
    <Page
      title="Ledger verification"
      description="Every finance event carries the hash of the one before it; anchors seal the ledger daily. This recomputes them all."
      actions={
        <Button onClick={() => (asked ? void verification.refetch() : setAsked(true))} loading={verification.isFetching}>
          Verify the ledger
        </Button>
      }
    >
      {!asked ? null : verification.isPending ? (
        <Loading label="Recomputing every hash chain…" />
      ) : verification.error ? (
        <ErrorAlert error={verification.error} action="verify the ledger" onRetry={() => void verification.refetch()} />
      ) : (
        <>
          {verification.data.ledgerVerification.intact ? (
            <Alert color="green" title="The ledger is intact" role="status">
              Every hash chain and every anchor holds.
            </Alert>
          ) : (
            <Alert color="red" title="The ledger is BROKEN" role="alert">
              {verification.data.ledgerVerification.brokenLink ? `First broken link: ${verification.data.ledgerVerification.brokenLink}. ` : ''}
              {verification.data.ledgerVerification.brokenAnchor ? `First broken anchor: ${verification.data.ledgerVerification.brokenAnchor}.` : ''}
            </Alert>
          )}
          <Group>
            <Table aria-label="What was checked" w="auto">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">Streams</Table.Th>
                  <NumberCell>{verification.data.ledgerVerification.streams}</NumberCell>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Events</Table.Th>
                  <NumberCell>{verification.data.ledgerVerification.events}</NumberCell>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Anchors</Table.Th>
                  <NumberCell>{verification.data.ledgerVerification.anchors}</NumberCell>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Checked</Table.Th>
                  <Table.Td>{formatDateTime(verification.data.ledgerVerification.checkedAt)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Group>
        </>
      )}
    </Page>
  );
}
