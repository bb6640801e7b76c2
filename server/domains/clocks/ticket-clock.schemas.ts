import { Type, type TSchema } from '@sinclair/typebox';
import { literalUnion } from '../../http/literals.js';
import { CLOCK_KINDS, FAULT_GRADES } from './policy.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const TicketClockSchema = Type.Object(
  {
    kind: literalUnion(CLOCK_KINDS),
    grade: literalUnion(FAULT_GRADES),
    state: literalUnion(['pending', 'running', 'paused', 'met', 'breached'] as const),
    targetMs: Type.Integer(),
    roundTheClock: Type.Boolean({ description: 'Counts every hour, whatever the contract’s calendar' }),
    startedAt: Nullable(Type.Integer()),
    deadline: Nullable(Type.Integer({ description: 'null while pending or paused' })),
    warnAt: Nullable(Type.Integer()),
    stoppedAt: Nullable(Type.Integer()),
    breachedAt: Nullable(Type.Integer()),
    remainingMs: Nullable(Type.Integer({ description: 'Working time left at `now`; negative when overdue; frozen while paused or stopped' })),
    warnedAt: Nullable(Type.Integer()),
    escalationStep: Type.Integer({ description: 'Breach alerts raised: 0 none, 1 the breach, 2… escalations' }),
  },
  { $id: 'TicketClock' },
);

