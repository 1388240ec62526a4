import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/platform.ts';

describe('AWS Solutions checks (cdk-nag)', () => {
  it('find nothing that is not fixed or acknowledged with a reason', () => {
    const app = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});
