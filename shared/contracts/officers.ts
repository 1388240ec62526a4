import * as z from 'zod';
import { OfficerRoleSchema } from '../domain/officers/officers.ts';

/** An agency administrator invites an officer into their own unit: the unit is never the caller's to choose. */
export const OfficerInvitationSchema = z
  .strictObject({
    username: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'a-z, 0-9, dấu chấm, gạch dưới, gạch ngang; 3–64 ký tự'),
    email: z.email().max(254),
    fullName: z.string().trim().min(1).max(200).optional(),
    roles: z.array(OfficerRoleSchema).min(1).max(6),
    validTo: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'OfficerInvitation' });
export type OfficerInvitation = z.infer<typeof OfficerInvitationSchema>;

export const OfficerAdministrationActionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('set_roles'), roles: z.array(OfficerRoleSchema).min(1).max(6) }),
    z.strictObject({ type: z.literal('set_email'), email: z.email().max(254) }),
    z.strictObject({ type: z.literal('deactivate') }),
    z.strictObject({ type: z.literal('reactivate') }),
  ])
  .meta({ id: 'OfficerAdministrationAction' });
export type OfficerAdministrationAction = z.infer<typeof OfficerAdministrationActionSchema>;
