import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type AgencyRecord,
  AgencySchema,
  type Procedure,
  ProcedureSchema,
} from '../domain/intake/catalog.ts';
import { allPages, batchPut, documentClient } from './dynamodb.ts';
import { parseItem } from './parse-item.ts';
import { oncePerRequest } from './request-scope.ts';
import { ShardedPointer } from './sharded-pointer.ts';
import { immutableCache, versionedCache } from './versioned-cache.ts';

// Written only from records these schemas accepted (seed and catalog imports); attributes added
// since are kept.
const StoredAgencySchema = AgencySchema.loose();
const StoredProcedureSchema = ProcedureSchema.loose();
const StoredAliasSchema = z.looseObject({ code: z.string(), target: z.string() });

/**
 * Reference data lives under `kind` partitions keyed by `code`. Procedures are published as whole
 * catalog versions (`procedure#v3`) and a pointer item names the active one, so an import switches
 * the catalog in one write or not at all. The same item counts the registry's changes
 * (`registryVersion`, raised after every write of agencies), so the whole catalog and registry, read
 * once per version, are served from memory while the pointer, read consistently at each call, names
 * the same versions: no change is seen later than before.
 */
type Kind = `procedure#v${number}` | 'agency' | 'agency-alias';
const POINTER_KEY = { kind: 'catalog', code: 'active' };
const procedureKind = (version: number): Kind => `procedure#v${version}`;

export class ReferenceStore {
  private readonly proceduresOf = versionedCache((version) =>
    this.list(StoredProcedureSchema, procedureKind(version)),
  );
  /** The registry of one version: its agencies and the former codes pointing at them. */
  private readonly registryOf = versionedCache(async () => {
    const [agencies, aliases] = await Promise.all([
      this.list(StoredAgencySchema, 'agency'),
      this.list(StoredAliasSchema, 'agency-alias'),
    ]);
    return {
      agencies,
      byCode: new Map(agencies.map((agency) => [agency.code, agency])),
      aliases: new Map(aliases.map((alias) => [alias.code, alias.target])),
    };
  });
  /** A published catalog version never changes: its procedures are kept once read. */
  private readonly publishedProcedure = immutableCache(
    ({ version, code }: { version: number; code: string }) =>
      this.get(StoredProcedureSchema, procedureKind(version), code),
    ({ version, code }) => `${version}|${code}`,
  );
  /** The versions the pointer names, read consistently once per request. */
  private readonly versions = oncePerRequest(() => this.readVersions());
  private readonly pointer: ShardedPointer<'version' | 'registryVersion'>;

  constructor(private readonly tableName: string) {
    this.pointer = new ShardedPointer(tableName, POINTER_KEY, { version: 0, registryVersion: 0 });
  }

  async getProcedure(code: string): Promise<Procedure | undefined> {
    return this.publishedProcedure({ version: await this.activeCatalogVersion(), code });
  }

  /** The agency a code designates today: its own code, or a former code kept as an alias. */
  async getAgency(code: string): Promise<AgencyRecord | undefined> {
    const registry = await this.registryOf((await this.versions()).registry);
    const target = registry.byCode.has(code) ? code : registry.aliases.get(code);
    const kept = target === undefined ? undefined : registry.byCode.get(target);
    // A code the kept registry lacks is looked up in the table, as before it was kept: an agency
    // written without the registry's version raised (by hand, or by an older tool) is still found.
    return kept ?? (await this.readAgency(code));
  }

  private async readAgency(code: string): Promise<AgencyRecord | undefined> {
    const agency = await this.get(StoredAgencySchema, 'agency', code);
    if (agency) return agency;
    const alias = await this.get(StoredAliasSchema, 'agency-alias', code);
    return alias ? this.get(StoredAgencySchema, 'agency', alias.target) : undefined;
  }

  /** Agencies with one item per former code pointing at the current one. */
  async putAgencies(agencies: readonly AgencyRecord[]): Promise<void> {
    await this.writeAgencies(agencies);
    await this.registryChanged();
  }

  private async writeAgencies(agencies: readonly AgencyRecord[]): Promise<void> {
    await this.putAll('agency', agencies);
    const aliases = agencies.flatMap((agency) =>
      (agency.aliases ?? []).map((code) => ({ code, target: agency.code })),
    );
    await this.putAll('agency-alias', aliases);
  }

  /** Raised after the agencies are written, so a reader of the new number reads the new registry. */
  private async registryChanged(): Promise<void> {
    await this.pointer.move((current) => ({
      ...current,
      registryVersion: current.registryVersion + 1,
    }));
    this.versions.forget();
  }

  /** The active catalog's procedures. */
  async listProcedures(): Promise<Procedure[]> {
    return [...(await this.proceduresOf((await this.versions()).catalog))];
  }

  /** The registry's agencies. */
  async listAgencies(): Promise<AgencyRecord[]> {
    return [...(await this.registryOf((await this.versions()).registry)).agencies];
  }

  /** Both lists, of the versions one read of the pointer names. */
  async catalog(): Promise<{ procedures: Procedure[]; agencies: AgencyRecord[] }> {
    const named = await this.versions();
    const [procedures, registry] = await Promise.all([
      this.proceduresOf(named.catalog),
      this.registryOf(named.registry),
    ]);
    return { procedures: [...procedures], agencies: [...registry.agencies] };
  }

  async activeCatalogVersion(): Promise<number> {
    return (await this.versions()).catalog;
  }

  private async readVersions(): Promise<{ catalog: number; registry: number }> {
    const { version, registryVersion } = await this.pointer.read();
    return { catalog: version, registry: registryVersion };
  }

  /**
   * Claims the next version number, writes the complete catalog under it, then points to it unless
   * another import published meanwhile. Until the pointer moves, readers keep seeing the previous
   * catalog whole; the claim keeps two imports from writing into the same version.
   */
  async publishCatalog(procedures: readonly Procedure[]): Promise<number> {
    this.versions.forget();
    const current = (await this.readVersions()).catalog;
    const next = current + 1;
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { kind: 'catalog', code: `claim#v${next}`, claimedAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(code)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw concurrentImport(next);
      throw error;
    }
    await this.putAll(procedureKind(next), procedures);
    // The registry's version, on the same item, may move meanwhile; the catalog's must not.
    await this.pointer.move(
      (now) => (now.version === current ? { ...now, version: next } : concurrentImport(next)),
      { publishedAt: new Date().toISOString(), procedures: procedures.length },
    );
    this.versions.forget();
    return next;
  }

  private async putAll(kind: Kind, records: readonly { code: string }[]): Promise<void> {
    await batchPut(
      this.tableName,
      records.map((record) => ({ ...record, kind })),
    );
  }

  /** Replaces the registry after a rename or merger: writes the new records and drops removed units. */
  async replaceAgencies(before: readonly AgencyRecord[], after: readonly AgencyRecord[]): Promise<void> {
    await this.writeAgencies(after);
    const kept = new Set(after.map((agency) => agency.code));
    for (const removed of before.filter((agency) => !kept.has(agency.code))) {
      await documentClient.send(
        new DeleteCommand({ TableName: this.tableName, Key: { kind: 'agency', code: removed.code } }),
      );
    }
    await this.registryChanged();
  }

  private async get<S extends z.ZodType>(
    schema: S,
    kind: Kind,
    code: string,
  ): Promise<z.output<S> | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { kind, code } }),
    );
    return result.Item ? parseItem(schema, withoutKind(result.Item), this.tableName) : undefined;
  }

  private async list<S extends z.ZodType>(schema: S, kind: Kind): Promise<z.output<S>[]> {
    const items = await allPages<Record<string, unknown>>((startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':kind': kind },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return items.map((item) => parseItem(schema, withoutKind(item), this.tableName));
  }
}

function concurrentImport(version: number): Error {
  return new Error(
    `Another catalog import claimed or published version ${version} meanwhile; nothing was switched, import again`,
  );
}

function withoutKind(item: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, ...rest } = item;
  return rest;
}
