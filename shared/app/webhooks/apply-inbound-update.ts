import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { parseJson, validate } from '../../contracts/parse.ts';
import { InboundUpdateSchema } from '../../contracts/webhooks.ts';
import { DomainError, dossierNotFound } from '../../domain/common/errors.ts';
import { officerDossierView, officerMayHandle } from '../../domain/officers/officer-view.ts';
import type { ProcessActor } from '../../domain/process/engine.ts';
import { applyWithProcess } from '../../domain/process/process-lifecycle.ts';
import { type LifecyclePorts, mailAfter, recordOutcome } from '../officer-desk/act-on-dossier.ts';
import { type ProcessPorts, processContext } from '../process/process-context.ts';

export interface InboundPorts<Item> extends LifecyclePorts<Item>, ProcessPorts {
  /** The agency's signing secret; `recheck` asks again unless it was read moments ago. */
  secrets: { secretOf(agencyCode: string, recheck: boolean): Promise<string | undefined> };
  /** Remembers a `webhook-id` for longer than signatures stay valid; false if it was seen already. */
  replays: { rememberInbound(agencyCode: string, webhookId: string, now: Date): Promise<boolean> };
}

export interface InboundRequest {
  agencyCode: string;
  /** The body exactly as received: the signature covers these bytes. */
  body: string;
  headers: Record<string, string | undefined>;
}

function verifies(secret: string | undefined, body: string, headers: Record<string, string>) {
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

function parseUpdate(body: string) {
  return validate(InboundUpdateSchema, parseJson(body));
}

/**
 * An agency system drives a dossier it holds: the request is signed with that agency's secret
 * (Standard Webhooks, 5-minute tolerance), each `webhook-id` is accepted once, and the action goes
 * through the same lifecycle rules as an officer's. For a dossier following a process, the system
 * takes the actions of the steps its unit holds: it has no officer roles, so neither the role nor the
 * drafter check applies (the agency's own system answers for who did what). Answers the dossier as
 * its officers see it.
 */
export async function applyInboundUpdate<Item>(ports: InboundPorts<Item>, request: InboundRequest) {
  const { agencyCode, body } = request;
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]])),
  );
  const refusal =
    verifies(await ports.secrets.secretOf(agencyCode, false), body, headers) &&
    verifies(await ports.secrets.secretOf(agencyCode, true), body, headers);
  if (refusal) {
    ports.log.warn('inbound webhook refused', { agencyCode, reason: refusal });
    throw unauthenticated();
  }
  const webhookId = headers['webhook-id'] ?? '';
  if (!(await ports.replays.rememberInbound(agencyCode, webhookId, ports.now()))) {
    ports.log.warn('inbound webhook refused', { agencyCode, reason: 'replayed webhook-id', webhookId });
    throw new DomainError('WEBHOOK_REPLAYED', {
      vi: 'Thông điệp này (webhook-id) đã được nhận trước đó.',
      en: 'This message (webhook-id) was already received.',
    });
  }
  const update = parseUpdate(body);
  const dossier = await ports.dossiers.get(update.dossierCode);
  if (!dossier || !officerMayHandle({ code: agencyCode }, dossier)) {
    ports.log.warn('inbound webhook refused', {
      agencyCode,
      reason: 'dossier not held by this agency',
      dossierCode: update.dossierCode,
    });
    throw dossierNotFound();
  }
  const now = ports.now();
  const actor = `system:${agencyCode}`;
  const system: ProcessActor = { kind: 'system', id: actor, unitCodes: [agencyCode] };
  const process = await processContext(ports, dossier, system);
  const outcome = applyWithProcess(
    dossier,
    update.action,
    { id: actor, kind: 'officer' },
    now,
    ports.calendar,
    undefined,
    process,
  );
  const updated = await recordOutcome(ports, dossier, outcome, { type: update.action.type, actor });
  await mailAfter(ports, update.action.type, updated);
  ports.log.info('inbound webhook applied', {
    agencyCode,
    dossierCode: dossier.dossierCode,
    action: update.action.type,
  });
  return officerDossierView(updated, now, ports.calendar, await processContext(ports, updated, system));
}
