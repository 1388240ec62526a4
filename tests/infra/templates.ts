import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { buildApp } from '../../infra/platform.ts';

/** Synthesises without bundling: these tests read the templates, not the function code. */
export function synth(context: Record<string, unknown> = {}) {
  const app = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }));
  const stack = (suffix: string) =>
    app.node.children.find((child) => child.node.id.endsWith(`-${suffix}`)) as Stack;
  return (suffix: string) => Template.fromStack(stack(suffix));
}

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
/** The statements of the policies of the functions whose construct id starts with `prefix`. */
export function functionPolicyStatements(t: Template, prefix: string): Statement[] {
  const policies = Object.entries(t.findResources('AWS::IAM::Policy')).filter(([id]) =>
    id.startsWith(prefix),
  );
  expect(policies).toHaveLength(1);
  return policies.flatMap(
    ([, policy]) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}
export function policyStatements(t: Template): Statement[] {
  return Object.values(t.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}
