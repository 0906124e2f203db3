// Bank statement import (a CSV file) and the reconciliation as at a date: what the
// statement says, what the ledger says, and the lines and payments not yet matched.

import { Alert, Button, FileInput, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { isoDate } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useBankReconciliation } from '../api/get-bank-reconciliation';
import { useImportBankStatement } from '../api/import-bank-statement';
import { useReconcileBankLine } from '../api/reconcile-bank-line';
import { DateField } from '../components/date-field';

function ImportStatement() {
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportBankStatement();
  const upload = async () => {
    if (!file) return;
    importing.mutate({ csv: await file.text(), fileName: file.name });
  };
  return (
    <Section title="Import a bank statement">
      <Group align="flex-end">
        <FileInput label="Statement (CSV: date, description, reference, amount)" accept=".csv,text/csv" value={file} onChange={setFile} w={420} clearable />
        <Button onClick={() => void upload()} disabled={!file} loading={importing.isPending}>
          Import statement
        </Button>
      </Group>
      {importing.data ? (
        <Alert color="green" role="status" title="Statement imported">
          {importing.data.importBankStatement.imported} lines imported, {importing.data.importBankStatement.duplicates} duplicates skipped,{' '}
          {importing.data.importBankStatement.reconciled} matched to payments.
        </Alert>
      ) : null}
      {importing.error ? <ErrorAlert error={importing.error} action="import bank statements" /> : null}
    </Section>
  );
}

function MatchLine({ lineId, payments }: { lineId: string; payments: { id: string; label: string }[] }) {
  const [paymentId, setPaymentId] = useState('');
  const reconcile = useReconcileBankLine();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          aria-label="Payment to match"
          size="xs"
          data={[{ value: '', label: 'Choose a payment…' }, ...payments.map((p) => ({ value: p.id, label: p.label }))]}
          value={paymentId}
          onChange={(e) => setPaymentId(e.currentTarget.value)}
        />
        <Button size="xs" disabled={!paymentId} loading={reconcile.isPending} onClick={() => reconcile.mutate({ lineId, paymentId })}>
          Match
        </Button>
      </Group>
      {reconcile.error ? <ErrorAlert error={reconcile.error} action="reconcile the bank" /> : null}
    </Stack>
  );
}

export function BankRoute() {
  const [asAt, setAsAt] = useState(isoDate());
  const query = useBankReconciliation(asAt);
  return (
    <Page title="Bank reconciliation" description="Import statements and match their lines to recorded payments.">
      <Authorization allowed="finance.journals.post">
        <ImportStatement />
      </Authorization>
      <DateField label="As at" value={asAt} onChange={setAsAt} />
      <QueryState query={query} action="read the bank reconciliation">
        {({ bankReconciliation: r }) => {
          const payments = r.unreconciledPayments.map((p) => ({
            id: p.id,
            label: `${p.date} ${p.counterpartyName} ${p.direction === 'MADE' ? '-' : ''}R ${p.amount}`,
          }));
          return (
            <Stack>
              <Table aria-label="Reconciliation summary" w="auto">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">Statement total</Table.Th>
                    <NumberCell>
                      <Money amount={r.statementTotal} />
                    </NumberCell>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">Ledger balance (bank account)</Table.Th>
                    <NumberCell>
                      <Money amount={r.ledgerBalance} />
                    </NumberCell>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">Difference</Table.Th>
                    <NumberCell>
                      <strong>
                        <Money amount={r.difference} />
                      </strong>
                    </NumberCell>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Section title="Unreconciled bank lines">
                {r.unreconciledLines.length === 0 ? (
                  <Text c="dimmed" role="status">
                    Every bank line is reconciled.
                  </Text>
                ) : (
                  <Table striped aria-label="Unreconciled bank lines">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Description</Table.Th>
                        <Table.Th>Reference</Table.Th>
                        <NumberTh>Amount</NumberTh>
                        <Table.Th>Match</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.unreconciledLines.map((line) => (
                        <Table.Tr key={line.id}>
                          <Table.Td>{line.date}</Table.Td>
                          <Table.Td>{line.description}</Table.Td>
                          <Table.Td>{line.reference}</Table.Td>
                          <NumberCell>
                            <Money amount={line.amount} />
                          </NumberCell>
                          <Table.Td>
                            <Authorization allowed="finance.journals.post" fallback="—">
                              <MatchLine lineId={line.id} payments={payments} />
                            </Authorization>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Section>
              <Section title="Payments not on a statement">
                {r.unreconciledPayments.length === 0 ? (
                  <Text c="dimmed" role="status">
                    Every payment is on a statement.
                  </Text>
                ) : (
                  <Table striped aria-label="Payments not on a statement">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Counterparty</Table.Th>
                        <Table.Th>Reference</Table.Th>
                        <NumberTh>Amount</NumberTh>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.unreconciledPayments.map((p) => (
                        <Table.Tr key={p.id}>
                          <Table.Td>{p.date}</Table.Td>
                          <Table.Td>{p.counterpartyName}</Table.Td>
                          <Table.Td>{p.reference}</Table.Td>
                          <NumberCell>
                            <Money amount={p.direction === 'MADE' ? `-${p.amount}` : p.amount} />
                          </NumberCell>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Section>
            </Stack>
          );
        }}
      </QueryState>
    </Page>
  );
}
