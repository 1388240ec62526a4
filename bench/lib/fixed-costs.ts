import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/platform.ts';
import { type Bill, type PriceTable, priceOf } from './pricing.ts';

/** What a deployment pays for every month whatever its volume: counted in its templates. */
export interface Inventory {
  kmsKeys: number;
  webAcls: number;
  webAclRules: number;
  alarms: number;
  dashboards: number;
  /** User pools on the Plus feature plan (threat protection), billed per monthly active user. */
  plusUserPools: number;
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** Counts the resources of the synthesised templates that carry a monthly charge. */
export function inventoryOf(templates: readonly { Resources?: Record<string, Resource> }[]): Inventory {
  const resources = templates.flatMap((template) => Object.values(template.Resources ?? {}));
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
  const webAcls = ofType('AWS::WAFv2::WebACL');
  return {
    kmsKeys: ofType('AWS::KMS::Key').length,
    webAcls: webAcls.length,
    webAclRules: webAcls.reduce(
      (sum, acl) => sum + (Array.isArray(acl.Properties?.Rules) ? acl.Properties.Rules.length : 0),
      0,
    ),
    alarms: ofType('AWS::CloudWatch::Alarm').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    plusUserPools: ofType('AWS::Cognito::UserPool').filter((pool) => pool.Properties?.UserPoolTier === 'PLUS')
      .length,
  };
}

/**
 * The production deployment's inventory: the app synthesised with `cdk.json`'s context (as `cdk deploy`
 * with no flag), without bundling the functions, which carry no monthly charge of their own.
 */
export function deployedInventory(): Inventory {
  const root = path.resolve(import.meta.dirname, '../..');
  const { context } = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const assembly = buildApp(new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } })).synth();
  return inventoryOf(
    assembly.stacks.map((stack) => stack.template as { Resources?: Record<string, Resource> }),
  );
}

/** USD a month for the inventory, with `officers` signing in each month. */
export function fixedBill(prices: PriceTable, inventory: Inventory, officers: number): Bill {
  const p = (name: string) => priceOf(prices, name);
  return {
    [`KMS keys (${inventory.kmsKeys})`]: inventory.kmsKeys * p('KMS.KeyMonth'),
    [`WAF web ACL (${inventory.webAcls}) and its rules (${inventory.webAclRules})`]:
      inventory.webAcls * p('WAF.WebAclMonth') + inventory.webAclRules * p('WAF.RuleMonth'),
    [`CloudWatch alarms (${inventory.alarms})`]: inventory.alarms * p('CloudWatch.AlarmMonth'),
    [`CloudWatch dashboards (${inventory.dashboards})`]:
      inventory.dashboards * p('CloudWatch.DashboardMonth'),
    [`Cognito Plus, ${officers.toLocaleString('en')} officers active a month`]:
      inventory.plusUserPools * officers * p('Cognito.PlusMau'),
  };
}
