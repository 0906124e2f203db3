// Credit notes, supplier bills and payments with their allocations.

import { Badge, Button, Modal, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import { useBills } from '../api/get-bills';
import { useCreditNotes } from '../api/get-credit-notes';
import { usePayments } from '../api/get-payments';
import { PaymentForm } from '../components/payment-form';

export function CreditNotesRoute() {
  const query = useCreditNotes();
  return (
    <Page title="Credit notes" description="Credit notes issued against invoices, newest first.">
      <QueryState query={query} action="read credit notes" isEmpty={(d) => d.creditNotes.length === 0} empty="No credit notes yet.">
        {({ creditNotes }) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label="Credit notes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <NumberTh>Excl. VAT</NumberTh>
                  <NumberTh>VAT</NumberTh>
                  <NumberTh>Total</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {creditNotes.map((note) => (
                  <Table.Tr key={note.id}>
                    <Table.Td>{note.number}</Table.Td>
                    <Table.Td>{note.date}</Table.Td>
                    <Table.Td>
                      <AppLink to={`/finance/invoices/${note.invoiceId}`}>{note.invoiceNumber}</AppLink>
                    </Table.Td>
                    <Table.Td>{note.recipient.name}</Table.Td>
                    <Table.Td>{note.reason}</Table.Td>
                    <NumberCell>
                      <Money amount={note.totalExclVat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={note.vat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={note.total} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}

/** Where a bill's three-way match stands: none (no order), matched, blocked, approved. */
function MatchBadge({ bill }: { bill: { purchaseOrderId?: string | null; blockedForPayment: string[]; matchApproval?: { at: string } | null } }) {
  if (!bill.purchaseOrderId) return <Text size="sm" c="dimmed">no order</Text>;
  if (bill.blockedForPayment.length > 0) return <Badge color="red" variant="light">Blocked</Badge>;
  if (bill.matchApproval) return <Badge color="yellow" variant="light">Approved by a manager</Badge>;
  return <Badge color="green" variant="light">Matched</Badge>;
}

export function BillsRoute() {
  const query = useBills();
  return (
    <Page title="Supplier bills" description="Bills from suppliers and subcontractors, newest first; a bill for a purchase order is matched against the order and the goods received (open a bill for its match).">
      <QueryState query={query} action="read supplier bills" isEmpty={(d) => d.bills.length === 0} empty="No supplier bills yet.">
        {({ bills }) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label="Supplier bills">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Supplier</Table.Th>
                  <Table.Th>Their reference</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Three-way match</Table.Th>
                  <NumberTh>Excl. VAT</NumberTh>
                  <NumberTh>VAT</NumberTh>
                  <NumberTh>Total</NumberTh>
                  <NumberTh>Retention</NumberTh>
                  <NumberTh>Open</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bills.map((bill) => (
                  <Table.Tr key={bill.id} aria-label={`${bill.supplier.name} ${bill.supplierReference}`}>
                    <Table.Td>{bill.supplier.name}</Table.Td>
                    <Table.Td>
                      <AppLink to={`/finance/bills/${encodeURIComponent(bill.id)}`}>{bill.supplierReference}</AppLink>
                    </Table.Td>
                    <Table.Td>{bill.date}</Table.Td>
                    <Table.Td>
                      <MatchBadge bill={bill} />
                    </Table.Td>
                    <NumberCell>
                      <Money amount={bill.totalExclVat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={bill.vat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={bill.total} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={bill.retention} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={bill.amountOpen} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}

export function PaymentsRoute() {
  const query = usePayments();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Page
      title="Payments"
      description="Money received and paid, with what each payment settles."
      actions={
        <Authorization allowed="finance.journals.post">
          <Button onClick={open}>Record payment</Button>
        </Authorization>
      }
    >
      <Modal opened={opened} onClose={close} title="Record a payment">
        {opened ? <PaymentForm onDone={close} /> : null}
      </Modal>
      <QueryState query={query} action="read payments" isEmpty={(d) => d.payments.length === 0} empty="No payments yet.">
        {({ payments }) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label="Payments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Direction</Table.Th>
                  <Table.Th>Counterparty</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>Allocated to</Table.Th>
                  <NumberTh>Amount</NumberTh>
                  <NumberTh>Unallocated</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payments.map((payment) => (
                  <Table.Tr key={payment.id}>
                    <Table.Td>{payment.date}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={payment.direction === 'RECEIVED' ? 'green' : 'orange'}>
                        {payment.direction.toLowerCase()}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{payment.counterpartyName}</Table.Td>
                    <Table.Td>{payment.reference}</Table.Td>
                    <Table.Td>
                      {payment.allocations.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          nothing yet
                        </Text>
                      ) : (
                        payment.allocations.map((a) => (
                          <Text size="sm" key={`${a.documentId}-${a.date}`}>
                            {a.documentNumber}: <Money amount={a.amount} />
                          </Text>
                        ))
                      )}
                    </Table.Td>
                    <NumberCell>
                      <Money amount={payment.amount} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={payment.unallocated} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}
