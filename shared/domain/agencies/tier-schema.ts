import * as z from 'zod';

/** The administrative tier of a unit; its own module so that light modules (the environment) can use it. */
export const TierSchema = z.enum(['commune', 'district', 'province', 'central']).meta({ id: 'Tier' });
