import * as z from 'zod';
import { DOSSIER_STATUS_NAMES } from './dossier-status.ts';

/**
 * How a dossier came in and where it stands: their own module, so that modules needing only these
 * (KPI counting, webhook events) do not build the whole dossier schema when a function starts.
 */
export const ChannelSchema = z.enum(['online', 'counter', 'postal']).meta({ id: 'Channel' });
export const DossierStatusSchema = z.enum(DOSSIER_STATUS_NAMES).meta({ id: 'DossierStatus' });
export type Channel = z.infer<typeof ChannelSchema>;
