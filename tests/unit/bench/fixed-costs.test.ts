import { describe, expect, it } from 'vitest';
import { fixedBill, inventoryOf } from '../../../bench/lib/fixed-costs.ts';
import { loadPrices, total } from '../../../bench/lib/pricing.ts';

const template = {
  Resources: {
    DataKey: { Type: 'AWS::KMS::Key' },
    SigningKey: { Type: 'AWS::KMS::Key' },
    Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } },
    QueueAlarm: { Type: 'AWS::CloudWatch::Alarm' },
    Dashboard: { Type: 'AWS::CloudWatch::Dashboard' },
    Officers: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolTier: 'PLUS' } },
    Citizens: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolTier: 'ESSENTIALS' } },
    Table: { Type: 'AWS::DynamoDB::Table' },
  },
};

describe("the deployment's fixed charges", () => {
  it('count the resources that carry a monthly charge, across templates', () => {
    expect(inventoryOf([template, { Resources: { Other: { Type: 'AWS::KMS::Key' } } }, {}])).toEqual({
      kmsKeys: 3,
      webAcls: 1,
      webAclRules: 3,
      alarms: 1,
      dashboards: 1,
      plusUserPools: 1,
    });
  });

  it('price each at its monthly rate, Cognito by the officers active a month', () => {
    const bill = fixedBill(loadPrices(), inventoryOf([template]), 1_000);
    // 2 keys × $1, web ACL $5 + 3 rules × $1, one alarm $0.10, one dashboard $3, 1,000 × $0.02.
    expect(total(bill)).toBeCloseTo(2 + 5 + 3 + 0.1 + 3 + 20, 6);
  });
});
