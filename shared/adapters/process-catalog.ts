import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Tier } from '../domain/agencies/tiers.ts';
import { BUILT_IN_PROCESS_VERSION, defaultProcess } from '../domain/process/default-processes.ts';
import {
  type ProcessCatalog,
  type ProcessDefinition,
  ProcessDefinitionSchema,
  type ProcessRef,
  type PublishedProcess,
} from '../domain/process/process-definition.ts';
import { batchPut, documentClient } from './dynamodb.ts';
import { parseItem } from './parse-item.ts';
import { oncePerRequest } from './request-scope.ts';
import { ShardedPointer } from './sharded-pointer.ts';
import { immutableCache } from './versioned-cache.ts';

/**
 * Published processes live in the Reference table as whole sets, like the catalog: set `n` under the
 * partition `process-set#v<n>` holds each definition (`code` = the process code), one item per
 * procedure naming its process (`procedure:<code>`) and one per tier default (`default:<tier>`);
 * the item `process-set / active` points at the set in force. A dossier pins `{ code, version }`
 * where the version is the set's number; version 0 is the built-in default of a tier.
 */
export const PROCESS_SET_POINTER = { kind: 'process-set', code: 'active' } as const;
export const processSetKind = (version: number) => `process-set#v${version}`;
export const procedureEntry = (procedureCode: string) => `procedure:${procedureCode}`;
export const defaultEntry = (tier: Tier) => `default:${tier}`;
const processSetPointer = (tableName: string) =>
  new ShardedPointer(tableName, PROCESS_SET_POINTER, { version: 0 });

const StoredProcessSchema = ProcessDefinitionSchema.extend({
  version: z.number(),
  publishedAt: z.string(),
}).loose();
const StoredPointerSchema = z.looseObject({ processCode: z.string() });

export class ReferenceProcessCatalog implements ProcessCatalog {
  /** A published set never changes: its items (definitions and procedure pointers) are kept once read. */
  private readonly publishedItem = immutableCache(
    async (key: { kind: string; code: string }) => {
      const result = await documentClient.send(new GetCommand({ TableName: this.tableName, Key: key }));
      if (!result.Item) return undefined;
      const { kind: _kind, ...rest } = result.Item;
      return rest;
    },
    ({ kind, code }) => `${kind}|${code}`,
  );

  /**
   * The set in force, read consistently once per request; with none published it reads as version 0,
   * the built-in defaults (BUILT_IN_PROCESS_VERSION).
   */
  private readonly active = oncePerRequest(async () => (await this.pointer.read()).version);
  private readonly pointer: ShardedPointer<'version'>;

  constructor(private readonly tableName: string) {
    this.pointer = processSetPointer(tableName);
  }

  activeVersion(): Promise<number> {
    return this.active();
  }

  async forProcedure(procedure: { code: string; tier: Tier }): Promise<PublishedProcess> {
    const version = await this.activeVersion();
    if (version !== BUILT_IN_PROCESS_VERSION) {
      for (const entry of [procedureEntry(procedure.code), defaultEntry(procedure.tier)]) {
        const pointer = await this.item(StoredPointerSchema, processSetKind(version), entry);
        const process = pointer && (await this.version({ code: pointer.processCode, version }));
        if (process) return process;
      }
    }
    return defaultProcess(procedure.tier);
  }

  async version(ref: ProcessRef): Promise<PublishedProcess | undefined> {
    if (ref.version === BUILT_IN_PROCESS_VERSION) {
      const tier = (['commune', 'district', 'province', 'central'] as const).find(
        (candidate) => defaultProcess(candidate).code === ref.code,
      );
      return tier ? defaultProcess(tier) : undefined;
    }
    return this.item(StoredProcessSchema, processSetKind(ref.version), ref.code);
  }

  private async item<S extends z.ZodType>(schema: S, kind: string, code: string) {
    const stored = await this.publishedItem({ kind, code });
    return stored === undefined ? undefined : parseItem(schema, stored, this.tableName);
  }
}

/**
 * Publishes a validated set of definitions as the next process-set version, like `publishCatalog`:
 * claims the number, writes the whole set under it, then moves the active pointer unless another
 * import published meanwhile. Earlier sets are never rewritten: dossiers pinned to them keep reading
 * the definition they started with.
 */
export async function publishProcesses(
  tableName: string,
  definitions: readonly ProcessDefinition[],
  now: Date = new Date(),
): Promise<number> {
  const current = await new ReferenceProcessCatalog(tableName).activeVersion();
  const next = current + 1;
  const publishedAt = now.toISOString();
  await conditionalPut(tableName, next, {
    Item: { kind: PROCESS_SET_POINTER.kind, code: `claim#v${next}`, claimedAt: publishedAt },
    ConditionExpression: 'attribute_not_exists(code)',
  });
  const kind = processSetKind(next);
  await batchPut(tableName, [
    ...definitions.map((definition) => ({ ...definition, kind, version: next, publishedAt })),
    ...definitions.flatMap((definition) =>
      definition.procedureCodes.map((code) => ({
        kind,
        code: procedureEntry(code),
        processCode: definition.code,
      })),
    ),
    ...definitions.flatMap((definition) =>
      definition.defaultForTier
        ? [{ kind, code: defaultEntry(definition.defaultForTier), processCode: definition.code }]
        : [],
    ),
  ]);
  await processSetPointer(tableName).move(
    (now) => (now.version === current ? { version: next } : concurrentProcessImport(next)),
    { publishedAt, processes: definitions.length },
  );
  return next;
}

async function conditionalPut(
  tableName: string,
  version: number,
  input: Omit<ConstructorParameters<typeof PutCommand>[0], 'TableName'>,
): Promise<void> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName, ...input }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw concurrentProcessImport(version);
    throw error;
  }
}

function concurrentProcessImport(version: number): Error {
  return new Error(
    `Another process import claimed or published version ${version} meanwhile; nothing was switched, import again`,
  );
}
