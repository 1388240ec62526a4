import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '../config/tables.ts';
import type { DocumentEnvelope, StoredAttachment } from '../contracts/documents.ts';
import type { Signature } from '../contracts/signing.ts';
import type { Tier } from '../domain/agencies/tiers.ts';
import type { AuditEntry } from '../domain/audit/audit.ts';
import { DomainError } from '../domain/common/errors.ts';
import type {
  RecipientChange,
  RecipientRecord,
  SenderAcknowledgement,
} from '../domain/documents/documents.ts';
import type { AuditLog } from './audit-log.ts';
import { allItems, batchPut, documentClient, itemsWithPrefix } from './dynamodb.ts';
import {
  parseItem,
  parseOptionalItem,
  StoredDocumentHeaderSchema,
  StoredRecipientSchema,
} from './stored-items.ts';

type AuditPut = ReturnType<AuditLog['putItems']>;

const { inbox, outbox } = TABLES.documents.indexes;
const HEADER = 'header';
const recipientKey = (organId: string) => `to#${organId}`;

export interface DocumentHeaderRecord {
  id: string;
  documentId: string;
  senderOrganId: string;
  senderTier: Tier;
  sentAt: string;
  /** SHA-256 of the canonical request: a retry with the same content resumes instead of failing. */
  contentHash: string;
  envelope: DocumentEnvelope;
  signature: Signature;
  attachments: StoredAttachment[];
  routedAt?: string;
}

/**
 * Documents in DynamoDB: one partition per document holding its header and one item per recipient
 * (the recipient's state and steps, and the status messages the sender has received back), plus a
 * marker item that keeps document ids (`OrganId,date,Number/Notation`) unique.
 */
export class DocumentStore {
  constructor(readonly tableName: string) {}

  /** Stores the header once per document id; an identical retry gets the stored header back. */
  async createHeader(header: DocumentHeaderRecord, entry: AuditPut): Promise<DocumentHeaderRecord> {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: `number#${header.documentId}`,
                  sk: HEADER,
                  id: header.id,
                  contentHash: header.contentHash,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: header.id, sk: HEADER, sender: header.senderOrganId, ...header },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...entry,
          ],
        }),
      );
      return header;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const existing = await this.headerByNumber(header.documentId);
      if (existing && existing.contentHash === header.contentHash) return existing;
      throw new DomainError(
        'DOCUMENT_EXISTS',
        {
          vi: `Đã có văn bản khác với số, ký hiệu ${header.documentId}.`,
          en: `Another document already has the id ${header.documentId}.`,
        },
        [{ field: 'code', message: { vi: 'Số, ký hiệu đã dùng.', en: 'Number and notation already used.' } }],
      );
    }
  }

  /** The stored document with this id if it has exactly this content (a retried send). */
  async sameDocument(documentId: string, contentHash: string): Promise<DocumentHeaderRecord | undefined> {
    const existing = await this.headerByNumber(documentId);
    return existing?.contentHash === contentHash ? existing : undefined;
  }

  private async headerByNumber(documentId: string): Promise<DocumentHeaderRecord | undefined> {
    const marker = await documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `number#${documentId}`, sk: HEADER },
        ConsistentRead: true,
      }),
    );
    return marker.Item ? this.header(String(marker.Item.id)) : undefined;
  }

  async header(id: string): Promise<DocumentHeaderRecord | undefined> {
    if (!id) return undefined;
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: id, sk: HEADER }, ConsistentRead: true }),
    );
    return parseOptionalItem(StoredDocumentHeaderSchema, result.Item, this.tableName);
  }

  /** Recipient items are put only where missing, so resuming a send never resets a copy's state. */
  async putRecipients(records: readonly RecipientRecord[]): Promise<void> {
    const existing = new Set((await this.recipients(records[0]?.id ?? '')).map((r) => r.recipient.organId));
    await batchPut(
      this.tableName,
      records
        .filter((record) => !existing.has(record.recipient.organId))
        .map((record) => ({
          pk: record.id,
          sk: recipientKey(record.recipient.organId),
          recipientOrganId: record.recipient.organId,
          ...record,
        })),
    );
  }

  async markRouted(id: string, at: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: id, sk: HEADER },
        UpdateExpression: 'SET routedAt = if_not_exists(routedAt, :at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async recipient(id: string, organId: string): Promise<RecipientRecord | undefined> {
    if (!id) return undefined;
    const result = await documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: id, sk: recipientKey(organId) },
        ConsistentRead: true,
      }),
    );
    return parseOptionalItem(StoredRecipientSchema, result.Item, this.tableName);
  }

  async recipients(id: string): Promise<RecipientRecord[]> {
    if (!id) return [];
    return itemsWithPrefix(StoredRecipientSchema, this.tableName, id, 'to#');
  }

  /**
   * Applies a recipient change if nobody changed the copy since it was read (optimistic lock on
   * `version`), together with its audit entry. Returns false when the copy had moved on.
   */
  async applyChange(
    record: RecipientRecord,
    change: RecipientChange,
    entry: AuditEntry,
    auditPut: AuditPut,
  ): Promise<boolean> {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: record.id, sk: recipientKey(record.recipient.organId) },
                UpdateExpression:
                  'SET #state = :state, #steps = list_append(#steps, :step), #version = :next' +
                  (change.recall ? ', #recall = :recall' : ''),
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: {
                  '#state': 'state',
                  '#steps': 'steps',
                  '#version': 'version',
                  ...(change.recall ? { '#recall': 'recall' } : {}),
                },
                ExpressionAttributeValues: {
                  ':state': change.state,
                  ':step': [{ ...change.step, auditSeq: entry.seq }],
                  ':version': record.version,
                  ':next': record.version + 1,
                  ...(change.recall ? { ':recall': change.recall } : {}),
                },
              },
            },
            ...auditPut,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /** Records a status message on the sender's side once, however often it is delivered. */
  async recordAcknowledgement(
    id: string,
    recipientOrganId: string,
    statusId: string,
    ack: SenderAcknowledgement,
  ): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: id, sk: recipientKey(recipientOrganId) },
          UpdateExpression: 'SET #acks.#status = :ack',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#acks.#status)',
          ExpressionAttributeNames: { '#acks': 'acks', '#status': statusId },
          ExpressionAttributeValues: { ':ack': ack },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async inbox(organId: string, limit = 100): Promise<RecipientRecord[]> {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: inbox.name,
        KeyConditionExpression: 'recipientOrganId = :organ',
        ExpressionAttributeValues: { ':organ': organId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => parseItem(StoredRecipientSchema, item, this.tableName));
  }

  async outbox(organId: string, limit = 100): Promise<DocumentHeaderRecord[]> {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: outbox.name,
        KeyConditionExpression: 'sender = :organ',
        ExpressionAttributeValues: { ':organ': organId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => parseItem(StoredDocumentHeaderSchema, item, this.tableName));
  }

  /** Documents a unit sent in [from, to), Vietnam ISO times: what the KPI recount counts. */
  async sentBetween(organId: string, from: string, to: string): Promise<DocumentHeaderRecord[]> {
    const items = await allItems(StoredDocumentHeaderSchema, this.tableName, (startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: outbox.name,
          KeyConditionExpression: 'sender = :organ AND sentAt BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':organ': organId, ':from': from, ':to': to },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return items.filter((item) => item.sentAt < to);
  }
}
