// The register's commands — register, check out, check in, a meter reading, a service —
// and what follows each: the register is read again until the item shows the change
// (`lib/poll.ts`), then the register and (after a check-in, which charges the project) the
// utilisation are read again.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RegisterEquipment } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { pollUntil } from '@/lib/poll';
import { compareDecimal, parseDecimal } from '@/lib/money';

import { equipmentKey, equipmentQueryOptions, utilisationKey, type EquipmentRow } from './get-equipment';

export const RegisterEquipmentMutation = graphql(`
  mutation RegisterEquipment($input: RegisterEquipment!) {
    registerEquipment(input: $input) {
      code
      correlationId
    }
  }
`);

export const CheckOutEquipmentMutation = graphql(`
  mutation CheckOutEquipment($code: String!, $projectId: ID!, $on: NaiveDate!) {
    checkOutEquipment(code: $code, projectId: $projectId, on: $on) {
      code
      correlationId
    }
  }
`);

export const CheckInEquipmentMutation = graphql(`
  mutation CheckInEquipment($code: String!, $on: NaiveDate!, $meter: Decimal) {
    checkInEquipment(code: $code, on: $on, meter: $meter) {
      code
      correlationId
    }
  }
`);

export const RecordMeterReadingMutation = graphql(`
  mutation RecordMeterReading($code: String!, $reading: Decimal!, $on: NaiveDate!) {
    recordMeterReading(code: $code, reading: $reading, on: $on) {
      code
      correlationId
    }
  }
`);

export const RecordEquipmentServiceMutation = graphql(`
  mutation RecordEquipmentService($code: String!, $on: NaiveDate!, $meter: Decimal, $note: String!) {
    recordEquipmentService(code: $code, on: $on, meter: $meter, note: $note) {
      code
      correlationId
    }
  }
`);

export type RegisterEquipmentValues = RegisterEquipment;
export interface CheckOutValues {
  code: string;
  projectId: string;
  on: string;
}
export interface CheckInValues {
  code: string;
  on: string;
  meter: string | null;
}
export interface MeterReadingValues {
  code: string;
  reading: string;
  on: string;
}
export interface ServiceValues {
  code: string;
  on: string;
  meter: string | null;
  note: string;
}

const sameDecimal = (a: string, b: string) => {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x !== null && y !== null && compareDecimal(x, y) === 0;
};

/** An equipment command, then the register read again until `shows(item)` for its code. */
function useEquipmentCommand<V extends { code: string }, R>(run: (v: V) => Promise<R>, shows: (item: EquipmentRow, v: V) => boolean, charges = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (_data, v: V) =>
      pollUntil(
        queryClient,
        () => queryClient.fetchQuery({ ...equipmentQueryOptions(false), staleTime: 0 }),
        (d) => d.equipment.some((item) => item.code === v.code && shows(item, v)),
        charges ? [equipmentKey, utilisationKey] : [equipmentKey],
      ),
  });
}

export const useRegisterEquipment = () =>
  useEquipmentCommand((v: RegisterEquipmentValues) => execute(RegisterEquipmentMutation, { input: v }), () => true);

export const useCheckOutEquipment = () =>
  useEquipmentCommand((v: CheckOutValues) => execute(CheckOutEquipmentMutation, v), (item) => item.projectId !== null);

export const useCheckInEquipment = () =>
  useEquipmentCommand((v: CheckInValues) => execute(CheckInEquipmentMutation, v), (item) => item.projectId === null, true);

export const useRecordMeterReading = () =>
  useEquipmentCommand((v: MeterReadingValues) => execute(RecordMeterReadingMutation, v), (item, v) => sameDecimal(item.meter, v.reading));

export const useRecordEquipmentService = () =>
  useEquipmentCommand((v: ServiceValues) => execute(RecordEquipmentServiceMutation, v), (item, v) => item.lastServiceOn === v.on);
