/**
 * How a feature's slice of the IPC contract is written: each call an input and an output schema and a line of
 * documentation; each event a payload schema; each feature a closed set of error codes (src/shared/errorCodes.ts).
 */
import { z } from 'zod';

export interface CallContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly doc: string;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc });

/** The input of a call that takes nothing. */
export const Empty = z.object({}).strict();

/** One feature's slice of the contract: its calls, its events and the error codes its calls may fail with. */
export interface FeatureContract {
  readonly calls: Readonly<Record<string, CallContract>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
  readonly errors: z.ZodEnum;
}
