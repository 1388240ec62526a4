import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DocumentExchange } from '../../shared/adapters/document-exchange.ts';
import { DocumentStore } from '../../shared/adapters/document-store.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { mailQueue } from '../../shared/adapters/mail-queue.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { type RoutingPorts, routeMessage } from '../../shared/app/routing/route-message.ts';
import { loadEnv, tierConsumerEnv } from '../../shared/config/env.ts';
import { RoutingMessageSchema } from '../../shared/contracts/routing.ts';
import { logger, queueConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(tierConsumerEnv);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const lifetimeMs = env.SESSION_KEY_LIFETIME_SECONDS * 1000;
const signer = new SessionSigner(new KmsSigner(), env.SIGNING_KEY_ID, lifetimeMs);
const ports: RoutingPorts = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  documents,
  exchange: new DocumentExchange(documents, audit, signer, env.TIER_QUEUE_URLS),
  mail: mailQueue(env.MAIL_QUEUE_URL),
  tier: env.TIER,
  log: logger,
  now: () => new Date(),
};

export const handler = queueConsumer({
  parse: (body) => RoutingMessageSchema.parse(JSON.parse(body)),
  work: (message) => routeMessage(ports, message),
  faults: { parameter: env.FAULT_INJECTION_PARAMETER, handler: 'tierConsumer' },
  redelivery: { queueUrl: env.QUEUE_URL, maxReceiveCount: env.MAX_RECEIVE_COUNT },
});
