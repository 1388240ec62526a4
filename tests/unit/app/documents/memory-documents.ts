import type { DocumentHeaderRecord } from '../../../../shared/adapters/document-store.ts';
import type { DocumentActionPorts } from '../../../../shared/app/documents/act-on-document.ts';
import type { TierQueues } from '../../../../shared/app/documents/send-document.ts';
import type { RoutingMessage } from '../../../../shared/contracts/routing.ts';
import type { Tier } from '../../../../shared/domain/agencies/tiers.ts';
import type { AuditEntry } from '../../../../shared/domain/audit/audit.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import { type RecipientRecord, statusMessageOf } from '../../../../shared/domain/documents/documents.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';
import { memoryAudit, memoryClock, memoryDocumentSigner, memoryLog } from '../memory.ts';

/**
 * Documents in memory with the store's guarantees: one header per document number (an identical
 * retry gets it back), copies put only where missing, a copy changed only on the version read.
 */
export function memoryDocuments() {
  const headers = new Map<string, DocumentHeaderRecord>();
  const numbers = new Map<string, string>();
  const copies = new Map<string, RecipientRecord>();
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const queued: { tier: Tier; messages: RoutingMessage[] }[] = [];
  const sentBack: { copy: RecipientRecord; statusCode: string }[] = [];
  const { audit, chains, commit } = memoryAudit();
  const { log, lines } = memoryLog();
  const clock = memoryClock();
  const signer = memoryDocumentSigner();
  const copyKey = (id: string, organId: string) => `${id}#${organId}`;
  const byNumber = (documentId: string) => headers.get(numbers.get(documentId) ?? '');
  const tierQueues: TierQueues = {
    sendAll: async (tier, messages) => {
      queued.push({ tier, messages: [...messages] });
    },
  };
  const documents = {
    sameDocument: async (documentId: string, contentHash: string) => {
      const existing = byNumber(documentId);
      return existing?.contentHash === contentHash ? structuredClone(existing) : undefined;
    },
    createHeader: async (header: DocumentHeaderRecord, entry: AuditEntry[]) => {
      const existing = byNumber(header.documentId);
      if (existing?.contentHash === header.contentHash) return structuredClone(existing);
      if (existing) throw new DomainError('DOCUMENT_EXISTS', { vi: 'Số đã dùng.', en: 'Number used.' });
      numbers.set(header.documentId, header.id);
      headers.set(header.id, structuredClone(header));
      for (const item of entry) commit(item);
      return header;
    },
    putRecipients: async (records: readonly RecipientRecord[]) => {
      for (const record of records) {
        const key = copyKey(record.id, record.recipient.organId);
        if (!copies.has(key)) copies.set(key, structuredClone(record));
      }
    },
    markRouted: async (id: string, at: string) => {
      const header = headers.get(id);
      if (header && !header.routedAt) header.routedAt = at;
    },
    header: async (id: string) => structuredClone(headers.get(id)),
    recipient: async (id: string, organId: string) => structuredClone(copies.get(copyKey(id, organId))),
    recipients: async (id: string) => [...copies.values()].filter((copy) => copy.id === id),
    inbox: async (organId: string) =>
      [...copies.values()].filter((copy) => copy.recipient.organId === organId),
    outbox: async (organId: string) =>
      [...headers.values()].filter((header) => header.senderOrganId === organId),
  };
  const exchange: DocumentActionPorts['exchange'] = {
    record: async (copy, change) => {
      const status = statusMessageOf(copy, change.step);
      const signature = await signer.sign(canonicalJson(status));
      const chain = `document:${copy.id}:${copy.recipient.organId}`;
      const entry = await audit.next(chain, {
        kind: 'document_exchange',
        action: `status_${change.step.code}`,
        actor: change.step.by,
        at: change.step.at,
        details: { status, signature },
      });
      const key = copyKey(copy.id, copy.recipient.organId);
      if (copies.get(key)?.version !== copy.version) return undefined;
      commit(entry);
      copies.set(key, {
        ...copy,
        state: change.state,
        recall: change.recall,
        steps: [...copy.steps, { ...change.step, signature }],
        version: copy.version + 1,
      });
      return { status, signature };
    },
    sendBack: async (copy, status) => {
      sentBack.push({ copy, statusCode: status.statusCode });
    },
  };
  const ports = {
    documents,
    exchange,
    audit,
    signer,
    tierQueues,
    files: {
      putDocument: async (key: string, bytes: Uint8Array, contentType: string) => {
        files.set(key, { bytes, contentType });
      },
      read: async (key: string) => files.get(key)?.bytes ?? new Uint8Array(),
    },
    log,
    now: clock.now,
  };
  return { ports, headers, copies, files, queued, sentBack, chains, lines, clock, signer };
}
