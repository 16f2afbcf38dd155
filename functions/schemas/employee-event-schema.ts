import * as v from 'valibot';
import { OptionalTextListSchema, OptionalTextSchema } from './schema-fields';

/** Prefix of every employee status event; only `employee.forwarding_created` is documented. */
export const EMPLOYEE_EVENT_PREFIX = 'employee.';

/**
 * An employee status webhook, such as `employee.forwarding_created`. It has no id, so only
 * `event` and the `employee` object are required; unknown fields are kept.
 */
export const EmployeeEventSchema = v.looseObject({
  event: v.pipe(v.string(), v.startsWith(EMPLOYEE_EVENT_PREFIX)),
  employee: v.looseObject({
    name: OptionalTextSchema,
    phone_number: OptionalTextSchema,
    email: OptionalTextSchema,
  }),
  // Agent names, not ids.
  agents: OptionalTextListSchema,
  substitute: OptionalTextSchema,
  responsibilities: OptionalTextSchema,
  // A calendar date, `YYYY-MM-DD`.
  start_date: OptionalTextSchema,
  reasons: OptionalTextListSchema,
});

/** A validated employee event, unknown fields included. */
export type EmployeeEvent = v.InferOutput<typeof EmployeeEventSchema>;
