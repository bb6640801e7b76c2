import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { WEEKDAYS, type WorkingHours } from './calendar.js';
import type { EscalationPolicy } from './escalation.js';
import type { HolidayDay } from './holidays.js';
import { CLOCK_KINDS, FAULT_GRADES, type ClockPolicy } from './policy.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Minutes = Type.Integer({ description: 'minutes of working time' });
const TargetsSchema = Type.Object(
  Object.fromEntries(FAULT_GRADES.map((g) => [g, Type.Object(Object.fromEntries(CLOCK_KINDS.map((k) => [k, Minutes])))])),
  { description: 'Minutes per fault grade and clock' },
);

const EscalationSchema = Type.Object({
  warn: Type.Array(Type.String(), { description: 'Who is warned: owner, team_lead, manager' }),
  breach: Type.Array(Type.Object({ afterMinutes: Type.Number(), to: Type.Array(Type.String()) }), {
    description: 'Breach (step 0) and escalation steps, minutes after the deadline',
  }),
});

export const ClockPolicySchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    isDefault: Type.Boolean({ description: 'Tickets whose contract names no policy take this one' }),
    targets: TargetsSchema,
    warnFraction: Type.Number({ description: 'Share of the target after which a running clock warns' }),
    roundTheClock: Type.Object({ grades: Type.Array(Type.String()), kinds: Type.Array(Type.String()) }, { description: 'Grades and clocks counted 7×24 whatever the calendar' }),
    escalation: EscalationSchema,
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'ClockPolicy' },
);

export interface ClockPolicyDto extends ClockPolicy {
  id: number;
  name: string;
  description: string;
  isDefault: boolean;
  escalation: EscalationPolicy;
  createdAt: number;
  updatedAt: number;
}

// Shapes only: values are checked by validatePolicy / validateEscalation, so a bad target is a
// policy_invalid with its path, not a bare schema error.
export const ClockPolicyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    isDefault: Type.Optional(Type.Boolean()),
    targets: Type.Record(Type.String({ maxLength: 40 }), Type.Record(Type.String({ maxLength: 40 }), Type.Number())),
    warnFraction: Type.Number(),
    roundTheClock: Type.Optional(
      Type.Object({ grades: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }), kinds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }) }, { additionalProperties: false }),
    ),
    escalation: Type.Optional(
      Type.Object(
        {
          warn: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
          breach: Type.Array(
            Type.Object({ afterMinutes: Type.Number(), to: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }) }, { additionalProperties: false }),
            { maxItems: 20 },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ClockPolicyBody = Static<typeof ClockPolicyBody>;

const WorkingHoursSchema = Type.Object({ from: Type.String({ maxLength: 5 }), to: Type.String({ maxLength: 5 }) }, { additionalProperties: false });
const WeekSchema = Type.Object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Optional(Type.Array(WorkingHoursSchema, { maxItems: 8 }))])),
  { additionalProperties: false, description: 'Working hours per weekday (mon … sun); a missing day has none' },
);
export type WeekInput = Partial<Record<(typeof WEEKDAYS)[number], WorkingHours[]>>;

export const CALENDAR_KINDS = ['7x24', 'business_hours'] as const;
export const CALENDAR_PRESETS = ['round_the_clock', 'business_hours'] as const;

export const CalendarSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    preset: Nullable(literalUnion(CALENDAR_PRESETS, { description: 'Built-in: the calendar of contracts with this coverage and no calendar of their own' })),
    kind: literalUnion(CALENDAR_KINDS),
    timeZone: Type.String(),
    week: Nullable(WeekSchema),
    years: Type.Array(Type.Integer(), { description: 'Years with holidays or make-up workdays loaded' }),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Calendar' },
);
export interface CalendarDto {
  id: number;
  name: string;
  description: string;
  preset: (typeof CALENDAR_PRESETS)[number] | null;
  kind: (typeof CALENDAR_KINDS)[number];
  timeZone: string;
  week: WeekInput | null;
  years: number[];
  createdAt: number;
  updatedAt: number;
}

export const CalendarBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    kind: literalUnion(CALENDAR_KINDS),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; Asia/Shanghai when absent' })),
    week: Type.Optional(WeekSchema),
  },
  { additionalProperties: false },
);
export type CalendarBody = Static<typeof CalendarBody>;

const HolidayDaySchema = Type.Object(
  {
    day: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    kind: literalUnion(['holiday', 'workday'] as const),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    hours: Type.Optional(Type.Array(WorkingHoursSchema, { maxItems: 8, description: "A make-up workday's own hours; Monday's when absent" })),
  },
  { additionalProperties: false },
);

export const CalendarYearSchema = Type.Object({
  calendarId: Type.Integer(),
  year: Type.Integer(),
  days: Type.Array(HolidayDaySchema),
  file: Type.String({ description: 'The same days in the holiday file format (holidays.ts)' }),
});
export interface CalendarYearDto {
  calendarId: number;
  year: number;
  days: HolidayDay[];
  file: string;
}

export const CalendarDaysBody = Type.Object({ days: Type.Array(HolidayDaySchema, { maxItems: 366 }) }, { additionalProperties: false });
export type CalendarDaysBody = Static<typeof CalendarDaysBody>;

export const HolidayFileBody = Type.Object({ text: Type.String({ maxLength: 100_000, description: 'A holiday file (one day or run of days a line)' }) }, { additionalProperties: false });
export type HolidayFileBody = Static<typeof HolidayFileBody>;

export const YearParams = Type.Object({ id: Type.Integer({ minimum: 1 }), year: Type.Integer({ minimum: 1970, maximum: 2200 }) });
export type YearParams = Static<typeof YearParams>;
