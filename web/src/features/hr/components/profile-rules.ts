// The employee profile form's values, checked in the browser for their shape before
// anything is sent — an identity number of 13 digits or a passport with its country and
// date of birth, a tax number of ten digits, a bank account (branch six digits, account
// 6 to 16), pay and cost rates in rand above nought, a contract end for a fixed term, a
// working week of 1 to 7 days, 0 to 20 medical scheme members, a project with its cost
// code. The rest — the identity number's check digit and date of birth, the line
// manager on record — is the server's; its refusal names the field ("input.idNumber: …").

import type { AnnualLeaveBasis, BankAccountType, EmployeeProfileInput, EmploymentType } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';
import { parseRand } from '@/lib/money';

import type { EmployeeRecord } from '../api/get-employee';
import { validDate, withoutInput } from './labels';

export interface ProfileValues {
  identification: 'ID_NUMBER' | 'PASSPORT';
  idNumber: string;
  passportNumber: string;
  passportCountry: string;
  dateOfBirth: string;
  taxNumber: string;
  withBank: boolean;
  bank: string;
  branchCode: string;
  accountNumber: string;
  accountType: BankAccountType;
  employmentType: EmploymentType;
  contractEnds: string;
  trade: string;
  payRate: string;
  costRate: string;
  daysPerWeek: string;
  leaveBasis: AnnualLeaveBasis;
  lineManagerId: string;
  projectId: string;
  costCode: string;
  medicalMembers: string;
}

export type ProfileField = Exclude<keyof ProfileValues, 'identification' | 'withBank'>;

/** The form filled in from the record as it is (blank where nothing is recorded). */
export function profileValuesOf(e: EmployeeRecord): ProfileValues {
  return {
    identification: e.passportNumber && !e.idNumber ? 'PASSPORT' : 'ID_NUMBER',
    idNumber: e.idNumber ?? '',
    passportNumber: e.passportNumber ?? '',
    passportCountry: e.passportCountry ?? '',
    dateOfBirth: e.passportNumber ? (e.dateOfBirth ?? '') : '',
    taxNumber: e.taxNumber ?? '',
    withBank: Boolean(e.bankAccount),
    bank: e.bankAccount?.bank ?? '',
    branchCode: e.bankAccount?.branchCode ?? '',
    accountNumber: e.bankAccount?.accountNumber ?? '',
    accountType: e.bankAccount?.accountType ?? 'CHEQUE',
    employmentType: e.employmentType ?? 'PERMANENT',
    contractEnds: e.contractEnds ?? '',
    trade: e.trade ?? '',
    payRate: e.payRate ?? '',
    costRate: e.costRate ?? '',
    daysPerWeek: String(e.daysPerWeek ?? 5),
    leaveBasis: e.leaveBasis ?? 'PER_CYCLE',
    lineManagerId: e.lineManagerId ?? '',
    projectId: e.projectId ?? '',
    costCode: e.costCode ?? '',
    medicalMembers: String(e.medicalMembers ?? 0),
  };
}

const DIGITS = (min: number, max = min) => new RegExp(`^\\d{${min},${max}}$`);
const WHOLE = /^\d+$/;

function rate(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Required';
  const cents = parseRand(t);
  if (cents === null) return 'An amount in rand with at most two decimal places, e.g. 30000.00';
  if (cents <= 0n) return 'Above nought';
  return undefined;
}

/** What is wrong with each field; empty when the profile may be sent. */
export function profileProblems(v: ProfileValues): Partial<Record<ProfileField, string>> {
  const p: Partial<Record<ProfileField, string>> = {};
  if (v.identification === 'ID_NUMBER') {
    if (!v.idNumber.trim()) p.idNumber = 'Required';
    else if (!DIGITS(13).test(v.idNumber.trim())) p.idNumber = 'A South African identity number: 13 digits';
  } else {
    if (!v.passportNumber.trim()) p.passportNumber = 'Required';
    if (!v.passportCountry.trim()) p.passportCountry = 'Required';
    if (!v.dateOfBirth.trim()) p.dateOfBirth = 'Required with a passport';
    else if (!validDate(v.dateOfBirth.trim())) p.dateOfBirth = 'A date, e.g. 1992-06-16';
  }
  if (v.taxNumber.trim() && !DIGITS(10).test(v.taxNumber.trim())) p.taxNumber = 'A SARS income tax reference: ten digits';
  if (v.withBank) {
    if (!v.bank.trim()) p.bank = 'Required';
    if (!DIGITS(6).test(v.branchCode.trim())) p.branchCode = 'Six digits';
    if (!DIGITS(6, 16).test(v.accountNumber.trim())) p.accountNumber = '6 to 16 digits';
  }
  if (v.employmentType === 'FIXED_TERM') {
    if (!v.contractEnds.trim()) p.contractEnds = 'Required for a fixed term';
    else if (!validDate(v.contractEnds.trim())) p.contractEnds = 'A date, e.g. 2026-12-31';
  }
  const pay = rate(v.payRate);
  if (pay) p.payRate = pay;
  const cost = rate(v.costRate);
  if (cost) p.costRate = cost;
  const days = v.daysPerWeek.trim();
  if (!WHOLE.test(days) || Number(days) < 1 || Number(days) > 7) p.daysPerWeek = 'A whole number of days from 1 to 7';
  const members = v.medicalMembers.trim();
  if (!WHOLE.test(members) || Number(members) > 20) p.medicalMembers = 'A whole number from 0 to 20 (0: not on a medical scheme)';
  if (v.projectId.trim() && !v.costCode.trim()) p.costCode = 'Required with a project';
  if (!v.projectId.trim() && v.costCode.trim()) p.projectId = 'Required with a cost code';
  return p;
}

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

/** The mutation's input from values that passed `profileProblems` (every field replaces). */
export function profileInput(employeeId: string, v: ProfileValues): EmployeeProfileInput {
  const passport = v.identification === 'PASSPORT';
  return {
    employeeId,
    idNumber: passport ? null : v.idNumber.trim(),
    passportNumber: passport ? v.passportNumber.trim() : null,
    passportCountry: passport ? v.passportCountry.trim() : null,
    // An identity number gives the date of birth itself.
    dateOfBirth: passport ? v.dateOfBirth.trim() : null,
    taxNumber: optional(v.taxNumber),
    bankAccount: v.withBank ? { bank: v.bank.trim(), branchCode: v.branchCode.trim(), accountNumber: v.accountNumber.trim(), accountType: v.accountType } : null,
    employmentType: v.employmentType,
    contractEnds: v.employmentType === 'FIXED_TERM' ? v.contractEnds.trim() : null,
    trade: optional(v.trade),
    payRate: v.payRate.trim(),
    costRate: v.costRate.trim(),
    daysPerWeek: Number(v.daysPerWeek.trim()),
    leaveBasis: v.leaveBasis,
    lineManagerId: optional(v.lineManagerId),
    projectId: optional(v.projectId),
    costCode: optional(v.costCode)?.toUpperCase() ?? null,
    medicalMembers: Number(v.medicalMembers.trim()),
  };
}

/** The server's refusal by form field: `input.bankAccount.branchCode` → `branchCode`. */
export function profileServerFields(error: unknown): Partial<Record<ProfileField, string>> {
  const fields: Partial<Record<ProfileField, string>> = {};
  for (const [field, message] of Object.entries(withoutInput(fieldErrors(error)))) {
    const bare = field.replace(/^bankAccount\.?/, '') || 'bank';
    fields[(field.startsWith('bankAccount') ? bare : field) as ProfileField] = message;
  }
  return fields;
}
