import dayjs, { type Dayjs } from 'dayjs';

/** `YYYY-MM-DD` for the API from a DatePicker value (days, not instants: no time zone involved). */
export function toDay(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}

/** A DatePicker value from an API day. */
export function fromDay(day: string | null | undefined): Dayjs | undefined {
  return day ? dayjs(day, 'YYYY-MM-DD') : undefined;
}
