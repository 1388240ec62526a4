import type { Tier } from '../../domain/agencies/tiers.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import {
  type DossierArrivalMessage,
  type DossierRecord,
  needsRouting,
} from '../../domain/lifecycle/dossier.ts';
import type { Log } from '../log.ts';

/** What the sparse index of dossiers awaiting routing carries. */
export type UnroutedDossier = Pick<
  DossierRecord,
  'dossierCode' | 'submittedAt' | 'receivedAt' | 'agency' | 'routing' | 'status' | 'channel'
>;

export interface ResendPorts {
  dossiers: {
    /** Dossiers not yet queued nor arrived that were submitted before `before` (Vietnam ISO time). */
    awaitingRouting(before: string): AsyncIterable<UnroutedDossier>;
    markQueued(dossierCode: string, queuedAt: string): Promise<void>;
  };
  /** Sends to the tier's queue; `attempt` names this send, so the queue does not drop it as a duplicate. */
  tierQueues: {
    has(tier: Tier): boolean;
    send(message: DossierArrivalMessage, attempt: string): Promise<void>;
  };
  /** How long after intake a dossier is surely not being queued by its intake request any more. */
  graceMs: number;
  log: Log;
  now(): Date;
}

/** Routes the dossiers whose intake stored them but could not queue them (a sparse index holds them). */
export async function resendUnrouted(ports: ResendPorts): Promise<{ resent: number }> {
  const now = ports.now();
  let resent = 0;
  for await (const dossier of ports.dossiers.awaitingRouting(
    toVietnamIso(new Date(now.getTime() - ports.graceMs)),
  )) {
    if (!needsRouting(dossier, now, ports.graceMs)) continue;
    if (!ports.tierQueues.has(dossier.routing.tier)) {
      ports.log.error('no queue for the tier of a stored dossier', {
        dossierCode: dossier.dossierCode,
        tier: dossier.routing.tier,
      });
      continue;
    }
    const sentAt = toVietnamIso(ports.now());
    await ports.tierQueues.send(
      {
        type: 'dossier.received',
        dossierCode: dossier.dossierCode,
        agencyCode: dossier.agency.code,
        tier: dossier.routing.tier,
        sentAt,
      },
      `resend-${now.getTime()}`,
    );
    await ports.dossiers.markQueued(dossier.dossierCode, sentAt);
    resent += 1;
  }
  ports.log.info('unrouted dossiers re-sent', { resent });
  return { resent };
}
