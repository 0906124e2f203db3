import { TextInput } from '@mantine/core';

/** A labelled `YYYY-MM-DD` date input (the browser's own date picker, keyboard-usable). */
export function DateField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return <TextInput type="date" label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} w={180} />;
}
