import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { counted } from '../../shared/adapters/aws-calls.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { enqueueCitizenMail } from '../../shared/adapters/mail-queue.ts';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { InboundUpdateSchema } from '../../shared/contracts/webhooks.ts';
import { MAIL_AFTER_ACTION } from '../../shared/domain/citizen-mail.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { applyAction, auditFieldsOf } from '../../shared/domain/lifecycle.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { httpEndpoint, logger, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { inboundWebhookSpec } from './inbound.spec.ts';

const env = loadEnv(inboundWebhookSpec.env);
const secrets = counted(new SecretsManagerClient({}));
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const store = new WebhookStore(env.WEBHOOKS_TABLE);
const SECRET_CACHE_MS = 5 * 60_000;
/** A refused request looks the secret up again (it may just have been created or rotated), at most this often. */
const SECRET_RECHECK_MS = 5_000;
const cache = new Map<string, { secret: string | undefined; fetchedAt: number }>();

async function agencySecret(agencyCode: string, recheck = false): Promise<string | undefined> {
  const cached = cache.get(agencyCode);
  const age = cached ? Date.now() - cached.fetchedAt : Number.POSITIVE_INFINITY;
  if (cached && age < (recheck ? SECRET_RECHECK_MS : SECRET_CACHE_MS)) return cached.secret;
  let secret: string | undefined;
  try {
    secret = (
      await secrets.send(new GetSecretValueCommand({ SecretId: `${env.AGENCY_SECRET_PREFIX}${agencyCode}` }))
    ).SecretString;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  cache.set(agencyCode, { secret, fetchedAt: Date.now() });
  return secret;
}

function verifies(
  secret: string | undefined,
  body: string,
  headers: Record<string, string>,
): string | undefined {
  if (!secret) return 'no secret for this agency';
  try {
    new Webhook(secret).verify(body, headers);
    return undefined;
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return error.message;
  }
}

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', {
    vi: 'Chữ ký webhook không hợp lệ hoặc đã quá hạn (5 phút).',
    en: 'The webhook signature is invalid or older than 5 minutes.',
  });

/**
 * An agency system drives a dossier it holds: the request is signed with that agency's secret
 * (Standard Webhooks, 5-minute tolerance), each `webhook-id` is accepted once, and the action goes
 * through the same lifecycle rules as an officer's.
 */
export const handler = httpEndpoint(async (event: APIGatewayProxyEvent) => {
  const agencyCode = pathParameter(event, 'agencyCode');
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const headers = event.headers as Record<string, string>;
  const refusal =
    verifies(await agencySecret(agencyCode), body, headers) &&
    verifies(await agencySecret(agencyCode, true), body, headers);
  if (refusal) {
    logger.warn('inbound webhook refused', { agencyCode, reason: refusal });
    throw unauthenticated();
  }
  const webhookId = event.headers['webhook-id'] ?? '';
  if (!(await store.rememberInbound(agencyCode, webhookId, new Date()))) {
    logger.warn('inbound webhook refused', { agencyCode, reason: 'replayed webhook-id', webhookId });
    throw new DomainError('WEBHOOK_REPLAYED', {
      vi: 'Thông điệp này (webhook-id) đã được nhận trước đó.',
      en: 'This message (webhook-id) was already received.',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DomainError('MALFORMED_JSON', {
      vi: 'Nội dung JSON không đọc được.',
      en: 'The JSON body could not be parsed.',
    });
  }
  const update = validate(InboundUpdateSchema, parsed);
  const dossier = await dossiers.get(update.dossierCode);
  if (!dossier || !officerMayHandle({ code: agencyCode }, dossier)) {
    logger.warn('inbound webhook refused', {
      agencyCode,
      reason: 'dossier not held by this agency',
      dossierCode: update.dossierCode,
    });
    throw dossierNotFound();
  }
  const now = new Date();
  const outcome = applyAction(
    dossier,
    update.action,
    { id: `system:${agencyCode}`, kind: 'officer' },
    now,
    workingCalendar,
  );
  const entry = await audit.next(
    dossier.dossierCode,
    auditFieldsOf(outcome, update.action.type, `system:${agencyCode}`),
  );
  const updated = await dossiers.applyLifecycle(dossier, outcome, entry);
  const template = MAIL_AFTER_ACTION[update.action.type];
  if (template) await enqueueCitizenMail(env.MAIL_QUEUE_URL, { template, dossierCode: updated.dossierCode });
  logger.info('inbound webhook applied', {
    agencyCode,
    dossierCode: dossier.dossierCode,
    action: update.action.type,
  });
  return json(200, officerDossierView(updated, now, workingCalendar));
});
