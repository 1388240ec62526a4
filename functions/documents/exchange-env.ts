import * as z from 'zod';
import {
  agencyMailDomains,
  jsonText,
  name,
  officerPoolVariables,
  sessionKeyLifetime,
  tierQueueUrls,
} from '../../shared/config/env.ts';
import { TierSchema } from '../../shared/contracts/catalog.ts';

/** The officer endpoints of the document exchange that send and act. */
export const documentExchangeEnv = z.object({
  DOCUMENTS_TABLE: name,
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  REFERENCE_TABLE: name,
  ATTACHMENTS_BUCKET: name,
  TIER_QUEUE_URLS: tierQueueUrls,
  /** Domains agency mail may go to (meeting invitations and drafts are also mailed). */
  AGENCY_MAIL_DOMAINS: agencyMailDomains,
  /** The tiers of the active profile: documents only go to agencies of these tiers. */
  TIERS: jsonText(z.array(TierSchema).min(1), 'a list of tiers'),
  SIGNING_KEY_ID: name,
  SESSION_KEY_LIFETIME_SECONDS: sessionKeyLifetime,
  ...officerPoolVariables,
});

export const documentExchangePermissions = [
  'documents:readWrite',
  'reference:read',
  'audit:append',
  'ecSigningKey:sign',
  'tierQueues:send',
  'officers:lookup',
] as const;
