import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../functions/api.ts';
import { CLAIM_TIMEOUT_MS } from '../../shared/adapters/mail-log.ts';
import { redeliveryDelaySeconds } from '../../shared/domain/lifecycle/redelivery.ts';
import { routeKey } from '../../shared/http/endpoint-spec.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { functionPolicyStatements, policyStatements, type Statement, synth } from './templates.ts';

const template = synth();

describe('data stack', () => {
  const data = template('Data');

  it('has a P-256 signing key and a rotating symmetric key for data at rest', () => {
    data.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts every table with the customer-managed key and keeps point-in-time recovery', () => {
    const tables = data.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(13);
    for (const table of Object.values(tables) as { Properties: Record<string, unknown> }[]) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties.PointInTimeRecoverySpecification).toMatchObject({
        PointInTimeRecoveryEnabled: true,
      });
    }
  });

  it('keeps attachments private, KMS-encrypted, TLS-only and under lifecycle rules', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 7, Status: 'Enabled' }),
        ]),
      },
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('routing stack', () => {
  it('has one FIFO queue with a dead-letter queue per tier of the four-tier profile', () => {
    const routing = template('Routing');
    const queues = Object.values(routing.findResources('AWS::SQS::Queue')) as {
      Properties: Record<string, unknown>;
    }[];
    const main = queues.filter((q) => q.Properties.RedrivePolicy);
    expect(main.map((q) => q.Properties.QueueName).sort()).toEqual([
      'motcua-central.fifo',
      'motcua-commune.fifo',
      'motcua-district.fifo',
      'motcua-province.fifo',
    ]);
    for (const queue of queues) expect(queue.Properties.FifoQueue).toBe(true);
    for (const queue of main) expect(queue.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: 6 });
    for (const queue of main) {
      expect(queue.Properties).toMatchObject({
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      });
    }
    routing.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    routing.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    routing.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('follows the two-level 2025 profile when configured: no district queue', () => {
    const routing = synth({ tierProfile: 'two-level-2025' })('Routing');
    const names = Object.values(routing.findResources('AWS::SQS::Queue')).map(
      (q) => (q as { Properties: { QueueName: string } }).Properties.QueueName,
    );
    expect(names.some((name) => name.includes('district'))).toBe(false);
    expect(names).toHaveLength(6);
  });

  it('parks a mail only after eight deliveries, past the time a claimed send stays locked', () => {
    const queues = Object.values(template('Mail').findResources('AWS::SQS::Queue')) as {
      Properties: { RedrivePolicy?: { maxReceiveCount: number } };
    }[];
    const withDlq = queues.filter((q) => q.Properties.RedrivePolicy);
    expect(withDlq).toHaveLength(1);
    expect(withDlq[0]?.Properties.RedrivePolicy?.maxReceiveCount).toBe(8);
    const waits = Array.from({ length: 8 }, (_, i) => redeliveryDelaySeconds(i + 1, 8));
    expect(waits.reduce((sum, wait) => sum + wait, 0) * 1000).toBeGreaterThan(CLAIM_TIMEOUT_MS);
  });

  it('keeps unsent mail 14 days, the longest SQS allows, so a peak that takes days to send does not expire', () => {
    const queues = Object.values(template('Mail').findResources('AWS::SQS::Queue')) as {
      Properties: { MessageRetentionPeriod?: number };
    }[];
    expect(queues).toHaveLength(2);
    for (const queue of queues) expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('lets only the mail sender send mail, and only from the official sender', () => {
    for (const suffix of ['Routing', 'Api', 'Kpi', 'Lifecycle']) {
      expect(
        policyStatements(template(suffix)).some((s) => [s.Action].flat().includes('ses:SendEmail')),
      ).toBe(false);
    }
    const statements = policyStatements(template('Mail')).filter((s) =>
      [s.Action].flat().includes('ses:SendEmail'),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'no-reply@motcua.thanhhoa.gov.vn' },
      });
    }
  });
});

describe('functions', () => {
  it('load no source maps at run time (maps stay beside the deployment for offline decoding)', () => {
    for (const stack of ['Api', 'Routing', 'Kpi', 'Lifecycle', 'Mail', 'Webhooks']) {
      const functions = Object.values(template(stack).findResources('AWS::Lambda::Function')) as {
        Properties: { Environment?: { Variables?: Record<string, unknown> } };
      }[];
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        expect(String(fn.Properties.Environment?.Variables?.NODE_OPTIONS ?? '')).not.toContain('source-maps');
      }
    }
  });

  const stacks = ['Api', 'Routing', 'Kpi', 'Lifecycle'].map((suffix) => template(suffix));

  it('run on Node 22, ARM64, with JSON logs', () => {
    for (const stack of stacks) {
      const functions = Object.values(stack.findResources('AWS::Lambda::Function')) as {
        Properties: Record<string, unknown>;
      }[];
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        expect(fn.Properties.Runtime).toBe('nodejs22.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
      }
    }
  });

  it('are granted no wildcard actions and no wildcard resources except where AWS requires them', () => {
    for (const stack of [...stacks, template('Data')]) {
      for (const statement of policyStatements(stack)) {
        const actions = [statement.Action].flat();
        expect(actions.some((action) => action === '*' || action.endsWith(':*'))).toBe(false);
        // X-Ray and dynamodb:ListStreams (needed to read a table's stream) have no resource-level scope.
        if (statement.Resource === '*')
          expect(actions.every((a) => a.startsWith('xray:') || a === 'dynamodb:ListStreams')).toBe(true);
      }
    }
  });

  it('lets the KPI report only query the published KPI rows, with the memory and time of a PDF renderer', () => {
    const api = template('Api');
    const statements = functionPolicyStatements(api, 'KpiReport');
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['dynamodb:Query', 'kms:Decrypt']);
    const query = statements.find((s) => [s.Action].flat().includes('dynamodb:Query'));
    expect(JSON.stringify(query?.Resource)).toContain('KpiRows');
    api.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('KPI report'),
      MemorySize: 512,
      Timeout: 20,
    });
    // PDFs leave the Lambda proxy as base64 and are decoded for any Accept header.
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
  });

  it('lets the lookup function read dossiers, append to the audit trail and count failed secrets', () => {
    const api = template('Api');
    const statements = functionPolicyStatements(api, 'GetDossier');
    const writes = statements.filter((s) =>
      [s.Action].flat().some((action) => /Put|Update|Delete|Write/.test(action)),
    );
    const audit = writes.filter((s) => JSON.stringify(s.Resource).includes('Audit'));
    expect(audit.flatMap((s) => [s.Action].flat())).toEqual([
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
    ]);
    // The audit entry and the mark of its chain in the pending table, and the lockout counts.
    const counters = writes.filter((s) => JSON.stringify(s.Resource).includes('Counters'));
    expect(counters.flatMap((s) => [s.Action].flat())).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:UpdateItem',
      'dynamodb:PutItem',
    ]);
    expect(writes).toHaveLength(audit.length + counters.length);
    expect(statements.flatMap((s) => [s.Action].flat())).toContain('dynamodb:GetItem');
    expect(statements.flatMap((s) => [s.Action].flat()).some((a) => /Delete/.test(a))).toBe(false);
  });

  it('lets presigned forms write only uploads, and only intake and officer actions copy them to dossiers', () => {
    const api = template('Api');
    /** S3 actions of a function, each with the object prefix it is granted on. */
    const s3Grants = (prefix: string) =>
      functionPolicyStatements(api, prefix)
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
        .flatMap((s) =>
          [s.Action]
            .flat()
            .map((action) => `${action} ${JSON.stringify(s.Resource).match(/\/(\w+)\/\*/)?.[1]}`),
        )
        .sort();
    expect(s3Grants('CreateUpload')).toEqual(['s3:PutObject uploads']);
    for (const fn of ['SubmitDossier', 'OfficerAction'])
      expect(s3Grants(fn), fn).toEqual(['s3:GetObject uploads', 's3:PutObject dossiers']);
  });

  it('lets the download links read the dossiers’ own files and nothing else of the bucket; the citizen’s only results', () => {
    const api = template('Api');
    const s3Resources = (fn: string) =>
      functionPolicyStatements(api, fn)
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
        .map((s) => ({ actions: [s.Action].flat(), resource: JSON.stringify(s.Resource) }));
    for (const fn of ['OfficerAttachmentFile', 'OfficerResultFile']) {
      const grants = s3Resources(fn);
      expect(
        grants.map(({ actions }) => actions),
        fn,
      ).toEqual([['s3:GetObject']]);
      expect(grants[0]?.resource, fn).toMatch(/\/dossiers\/\*"/);
    }
    const citizen = s3Resources('CitizenResult');
    expect(citizen.map(({ actions }) => actions)).toEqual([['s3:GetObject']]);
    expect(citizen[0]?.resource).toMatch(/\/dossiers\/\*\/result\/\*"/);
  });

  it('lets the feedback function read a dossier and update it, and reach no other table but its lockout counts', () => {
    const api = template('Api');
    const policies = Object.entries(api.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('DossierFeedback'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies.flatMap(
      ([, policy]) =>
        (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
    const tableActions = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const on = (table: string) =>
      tableActions
        .filter((s) => JSON.stringify(s.Resource).includes(table))
        .flatMap((s) => [s.Action].flat())
        .sort();
    expect(on('Dossiers')).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(on('Counters')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(tableActions.flatMap((s) => [s.Action].flat())).toHaveLength(5);
    const others = statements.flatMap((s) => [s.Action].flat()).filter((a) => !a.startsWith('dynamodb:'));
    expect(others.every((a) => a.startsWith('kms:') || a.startsWith('xray:'))).toBe(true);
  });

  it('parks what the stream consumers finally fail, and names the skipped records', () => {
    for (const [suffix, mappings] of [
      ['Kpi', 2],
      ['Webhooks', 3],
      ['Lifecycle', 0],
    ] as const) {
      const streamSources = Object.values(
        template(suffix).findResources('AWS::Lambda::EventSourceMapping'),
      ).filter(
        (mapping) => (mapping as { Properties: { StartingPosition?: string } }).Properties.StartingPosition,
      ) as { Properties: { DestinationConfig?: { OnFailure?: { Destination?: unknown } } } }[];
      expect(streamSources).toHaveLength(mappings);
      for (const source of streamSources)
        expect(source.Properties.DestinationConfig?.OnFailure?.Destination).toBeDefined();
    }
  });

  it('keeps the queue counts and the KPI counters with one stream consumer, record by record, writing only them', () => {
    const kpi = template('Kpi');
    // Both its streams (Dossiers, Documents) hand failed records back one by one.
    const mappings = Object.values(kpi.findResources('AWS::Lambda::EventSourceMapping')).map(
      (mapping) =>
        (mapping as { Properties: { FunctionResponseTypes?: string[]; StartingPosition?: string } })
          .Properties,
    );
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings)
      expect(mapping).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'LATEST',
      });
    const tableActions = functionPolicyStatements(kpi, 'ChangeCounter')
      .flatMap((s) => [s.Action].flat().map((action) => ({ action, on: JSON.stringify(s.Resource) })))
      .filter(({ action }) => action.startsWith('dynamodb:') && action !== 'dynamodb:ListStreams');
    const writes = tableActions.filter(({ action }) => /Put|Update|Delete|Write/.test(action));
    expect(writes.filter(({ on }) => on.includes('QueueCounts')).map(({ action }) => action)).toEqual([
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    for (const { on } of writes) expect(on).toMatch(/QueueCounts|KpiCounters/);
    for (const { action, on } of tableActions.filter((a) => !writes.includes(a))) {
      if (on.includes('StreamArn')) {
        expect(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']).toContain(
          action,
        );
      } else {
        // The KPI counters' write grant comes with DescribeTable; nothing reads a table.
        expect(on).toContain('KpiCounters');
        expect(action).toBe('dynamodb:DescribeTable');
      }
    }
    // Each stream has two readers at most: this counter and the webhook dispatcher (ADR 0031).
    const dossierStreamReaders = ['Api', 'Mail', 'Routing', 'Webhooks', 'Lifecycle', 'Kpi'].flatMap(
      (suffix) =>
        Object.values(template(suffix).findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
          JSON.stringify(
            (mapping as { Properties: { EventSourceArn?: unknown } }).Properties.EventSourceArn,
          ).includes('Dossiers'),
        ),
    );
    expect(dossierStreamReaders).toHaveLength(2);
    const api = template('Api');
    for (const fn of ['OfficerQueue', 'OfficerQueueSearch']) {
      const counts = functionPolicyStatements(api, `${fn}Function`).filter((s) =>
        JSON.stringify(s.Resource).includes('QueueCounts'),
      );
      expect(
        counts.flatMap((s) => [s.Action].flat()),
        fn,
      ).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query']);
    }
  });

  it('schedules the KPI aggregator', () => {
    template('Kpi').hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
    });
  });

  const deployedRoutes = () => {
    const api = template('Api');
    const resources = api.findResources('AWS::ApiGateway::Resource') as Record<
      string,
      { Properties: { PathPart: string; ParentId: { Ref?: string } } }
    >;
    const pathOf = (id: string | undefined): string => {
      const resource = id ? resources[id] : undefined;
      return resource ? `${pathOf(resource.Properties.ParentId.Ref)}/${resource.Properties.PathPart}` : '';
    };
    return Object.values(
      api.findResources('AWS::ApiGateway::Method') as Record<
        string,
        { Properties: { HttpMethod: string; ResourceId: { Ref?: string }; Integration: { Type: string } } }
      >,
    ).map((method) => ({
      route: `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId.Ref) || '/'}`,
      integration: method.Properties.Integration.Type,
    }));
  };
  const specifiedRoutes = API_FUNCTIONS.flatMap(({ endpoints }) => endpoints.map(routeKey));

  it('deploys exactly the endpoints of the specs, each once, through Lambda proxy integrations', () => {
    const deployed = deployedRoutes();
    expect(deployed.map(({ route }) => route).sort()).toEqual([...specifiedRoutes].sort());
    expect(new Set(specifiedRoutes).size).toBe(specifiedRoutes.length);
    for (const { integration } of deployed) expect(integration).toBe('AWS_PROXY');
  });

  it('documents every endpoint in the OpenAPI document, except the pages', () => {
    const documented = Object.entries(openApiDocument(API_FUNCTIONS).paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((verb) => `${verb.toUpperCase()} ${path}`),
    );
    const endpoints = API_FUNCTIONS.flatMap(({ endpoints }) => endpoints);
    const undocumented = endpoints.filter((endpoint) => !documented.includes(routeKey(endpoint)));
    expect(undocumented.filter((endpoint) => !endpoint.page).map(routeKey)).toEqual([]);
    expect(documented.filter((route) => !specifiedRoutes.includes(route))).toEqual([]);
  });

  it('deploys one function per spec with the environment its schema reads and nothing else', () => {
    const api = template('Api');
    const functions = api.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { Description?: string; Environment?: { Variables?: Record<string, unknown> } } }
    >;
    for (const spec of API_FUNCTIONS) {
      const deployed = Object.values(functions).filter(
        (fn) => fn.Properties.Description === spec.description,
      );
      expect(deployed, spec.id).toHaveLength(1);
      const variables = Object.keys(deployed[0]?.Properties.Environment?.Variables ?? {}).filter(
        (key) => !key.startsWith('POWERTOOLS_') && key !== 'MOTCUA_COUNT_AWS_CALLS',
      );
      for (const key of variables) expect(Object.keys(spec.env.shape), `${spec.id} ${key}`).toContain(key);
    }
  });
});

describe('abuse limits of the public API', () => {
  const api = template('Api');

  it('puts a regional web ACL with a per-address rate rule and AWS managed rules on the stage', () => {
    const acls = api.findResources('AWS::WAFv2::WebACL') as Record<
      string,
      { Properties: { Scope: string; DefaultAction: unknown; Rules: Record<string, unknown>[] } }
    >;
    expect(Object.keys(acls)).toHaveLength(1);
    const [aclId, acl] = Object.entries(acls)[0] as [string, (typeof acls)[string]];
    expect(acl.Properties.Scope).toBe('REGIONAL');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    const rules = acl.Properties.Rules as {
      Priority: number;
      Action?: unknown;
      Statement: {
        RateBasedStatement?: { Limit: number; AggregateKeyType: string };
        ManagedRuleGroupStatement?: { VendorName: string; Name: string };
      };
    }[];
    const rate = rules.find((rule) => rule.Statement.RateBasedStatement);
    expect(rate?.Priority).toBe(0);
    expect(rate?.Action).toEqual({ Block: {} });
    expect(rate?.Statement.RateBasedStatement).toMatchObject({ Limit: 1500, AggregateKeyType: 'IP' });
    expect(
      rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement ?? []).map((group) => group.Name),
    ).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
    ]);
    const stages = Object.keys(api.findResources('AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    api.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
      ResourceArn: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: stages[0] }])]),
      }),
    });
  });

  it('leaves the web ACL out when the deployment turns it off (the emulator)', () => {
    const local = synth({ webAcl: 'false' })('Api');
    expect(Object.keys(local.findResources('AWS::WAFv2::WebACL'))).toHaveLength(0);
    expect(Object.keys(local.findResources('AWS::WAFv2::WebACLAssociation'))).toHaveLength(0);
  });

  it('throttles the stage, and the form downloads, intake, lookups and PDF report per method', () => {
    const stage = Object.values(api.findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: {
        MethodSettings: { ResourcePath: string; HttpMethod: string; ThrottlingRateLimit?: number }[];
      };
    };
    const limit = (path: string, verb: string) =>
      stage.Properties.MethodSettings.find((s) => s.ResourcePath === path && s.HttpMethod === verb)
        ?.ThrottlingRateLimit;
    expect(limit('/*', '*')).toBe(200);
    expect(limit('/~1dossiers~1{code}~1forms~1{form}', 'GET')).toBe(20);
    expect(limit('/~1officer~1dossiers~1{code}~1forms~1{form}', 'GET')).toBe(20);
    expect(limit('/~1dossiers', 'POST')).toBe(50);
    expect(limit('/~1dossiers~1{code}', 'GET')).toBe(100);
    expect(limit('/~1kpi~1report', 'GET')).toBe(5);
  });

  it('scales every throttle from the planned peak, never below the design peak’s', () => {
    const planned = synth({ plannedPeakDossiersPerSecond: '45' })('Api');
    const settings = (template: typeof api) =>
      (
        Object.values(template.findResources('AWS::ApiGateway::Stage'))[0] as {
          Properties: {
            MethodSettings: {
              ResourcePath: string;
              HttpMethod: string;
              ThrottlingRateLimit?: number;
              ThrottlingBurstLimit?: number;
            }[];
          };
        }
      ).Properties.MethodSettings;
    const at = (template: typeof api, path: string, verb: string) =>
      settings(template).find((s) => s.ResourcePath === path && s.HttpMethod === verb);
    expect(at(planned, '/*', '*')).toMatchObject({ ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 4000 });
    expect(at(planned, '/~1dossiers', 'POST')).toMatchObject({ ThrottlingRateLimit: 500 });
    expect(at(planned, '/~1kpi~1report', 'GET')).toMatchObject({ ThrottlingRateLimit: 50 });
    const smaller = synth({ plannedPeakDossiersPerSecond: '1' })('Api');
    expect(at(smaller, '/*', '*')).toMatchObject({ ThrottlingRateLimit: 200 });
    expect(() => synth({ plannedPeakDossiersPerSecond: '0' })('Api')).toThrow();
  });

  it('spreads the KPI counters over shards from the planned peak, unless the setting is given', () => {
    const shardsOf = (context: Record<string, string>) =>
      Object.values(synth(context)('Kpi').findResources('AWS::Lambda::Function'))
        .map(
          (fn) =>
            (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
              .Environment?.Variables?.KPI_COUNTER_SHARDS,
        )
        .filter((shards) => shards !== undefined);
    expect(shardsOf({})).toEqual(['4', '4']);
    expect(shardsOf({ plannedPeakDossiersPerSecond: '10000' })).toEqual(['50', '50']);
    expect(shardsOf({ plannedPeakDossiersPerSecond: '100000' })).toEqual(['64', '64']);
    expect(shardsOf({ plannedPeakDossiersPerSecond: '10000', kpiCounterShards: '8' })).toEqual(['8', '8']);
    expect(() => synth({ kpiCounterShards: '65' })('Kpi')).toThrow();
  });

  it('signs forms, results and apology letters with session keys when planned above the design peak', () => {
    const signingOf = (context: Record<string, string>) =>
      Object.values(synth(context)('Api').findResources('AWS::Lambda::Function'))
        .map(
          (fn) =>
            fn as {
              Properties: { Description?: string; Environment?: { Variables?: Record<string, unknown> } };
            },
        )
        .filter((fn) => fn.Properties.Environment?.Variables?.DOCUMENT_SIGNING !== undefined)
        .map(
          (fn) =>
            `${fn.Properties.Description?.split(' ')[0]}:${fn.Properties.Environment?.Variables?.DOCUMENT_SIGNING}`,
        )
        .sort();
    // The two functions that sign documents one by one: form downloads, and officer actions (results, form 04).
    expect(signingOf({})).toEqual(['Applies:kms', 'Renders,:kms']);
    expect(signingOf({ plannedPeakDossiersPerSecond: '4.5' })).toEqual(['Applies:kms', 'Renders,:kms']);
    expect(signingOf({ plannedPeakDossiersPerSecond: '4.6' })).toEqual([
      'Applies:session',
      'Renders,:session',
    ]);
    expect(signingOf({ plannedPeakDossiersPerSecond: '10000' })).toEqual([
      'Applies:session',
      'Renders,:session',
    ]);
    expect(signingOf({ plannedPeakDossiersPerSecond: '10000', documentSigning: 'kms' })).toEqual([
      'Applies:kms',
      'Renders,:kms',
    ]);
    expect(() => synth({ documentSigning: 'none' })('Api')).toThrow();
  });

  it('lets intake seal lookup secrets with the data key, and the citizen routes count failed secrets', () => {
    const submit = functionPolicyStatements(api, 'SubmitDossier');
    expect(
      submit.some(
        (s) =>
          [s.Action].flat().includes('kms:GenerateDataKey') && JSON.stringify(s.Resource).includes('DataKey'),
      ),
    ).toBe(true);
    for (const fn of [
      'GetDossier',
      'WithdrawDossier',
      'DossierFeedback',
      'SupplyDocuments',
      'FormDownload',
      'CitizenResult',
    ]) {
      const counted = functionPolicyStatements(api, fn).filter((s) =>
        JSON.stringify(s.Resource).includes('Counters'),
      );
      expect(counted.flatMap((s) => [s.Action].flat())).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:UpdateItem',
        'dynamodb:PutItem',
      ]);
    }
  });
});

describe('signing key rotation', () => {
  const rotated = synth({
    signingKeys:
      '[{"id":"k1","validFrom":"2026-01-01","retiredAt":"2026-11-01"},{"id":"k2","validFrom":"2026-11-01"}]',
  });

  const eccKeys = () =>
    Object.entries(
      rotated('Data').findResources('AWS::KMS::Key', { Properties: { KeySpec: 'ECC_NIST_P256' } }),
    ).filter(([id]) => id.startsWith('SigningKey')) as [string, { Properties: { Description: string } }][];

  it('keeps the first key under its original construct and adds the next generation beside it', () => {
    const ids = eccKeys().map(([id]) => id);
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => id.startsWith('SigningKey') && !id.includes('k2'))).toBe(true);
  });

  it('lets functions sign with the active keys only (ECDSA and the RSA option), and read every public key', () => {
    const retired =
      eccKeys().find(([, key]) => key.Properties.Description.includes('generation k1'))?.[0] ?? '';
    expect(retired).not.toBe('');
    const statements = policyStatements(rotated('Api'));
    const keysIn = (action: string) =>
      new Set(
        statements
          .filter((s) => [s.Action].flat().includes(action))
          .flatMap((s) => JSON.stringify(s.Resource).match(/SigningKey[A-Za-z0-9]*/g) ?? []),
      );
    const signing = keysIn('kms:Sign');
    expect(signing.size).toBe(2);
    expect([...signing].some((id) => id.startsWith(retired))).toBe(false);
    expect([...signing].some((id) => id.startsWith('SigningKeyRsa'))).toBe(true);
    expect(keysIn('kms:GetPublicKey').size).toBe(3);
  });

  it('refuses a configuration whose last generation is retired', () => {
    expect(() =>
      synth({ signingKeys: '[{"id":"k1","validFrom":"2026-01-01","retiredAt":"2026-11-01"}]' }),
    ).toThrow(/active key/);
  });
});

describe('fault injection', () => {
  const handlersWithFaults = (t: (suffix: string) => Template) =>
    ['Routing', 'Mail', 'Api', 'Webhooks', 'Lifecycle', 'Kpi'].flatMap((suffix) =>
      Object.values(t(suffix).findResources('AWS::Lambda::Function')).filter(
        (fn) =>
          (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
            .Environment?.Variables?.FAULT_INJECTION_PARAMETER !== undefined,
      ),
    );

  it('is absent unless the deployment asks for it', () => {
    expect(template('Data').findResources('AWS::SSM::Parameter')).toEqual({});
    expect(handlersWithFaults(template)).toHaveLength(0);
  });

  it('reaches only the tier consumers and the mail sender, which may only read its parameter', () => {
    const faulty = synth({ faultInjection: '{"tierConsumer":0.05,"mailSender":0.05}' });
    faulty('Data').hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/motcua/fault-injection',
      Value: '{"tierConsumer":0.05,"mailSender":0.05}',
    });
    // one consumer per tier of the four-tier profile, and the mail sender
    expect(handlersWithFaults(faulty)).toHaveLength(5);
    const reads = ['Routing', 'Mail']
      .flatMap((suffix) => policyStatements(faulty(suffix)))
      .filter((statement) => JSON.stringify(statement.Action).includes('ssm:GetParameter'));
    expect(reads.filter((s) => JSON.stringify(s.Resource).includes('FaultInjection'))).toHaveLength(5);
    for (const statement of reads) expect(statement.Action).toBe('ssm:GetParameter');
  });

  it('refuses rates outside 0–1 and unknown handlers', () => {
    expect(() => synth({ faultInjection: '{"tierConsumer":1.5}' })).toThrow();
    expect(() => synth({ faultInjection: '{"intake":0.1}' })).toThrow();
  });
});

describe('audit trail: append-only, anchored in write-once storage', () => {
  const suffixes = ['Data', 'Mail', 'Routing', 'Webhooks', 'Api', 'Lifecycle', 'Kpi'];
  const data = template('Data');
  const tableId = (partitionKey: string) => {
    const [id] = Object.entries(data.findResources('AWS::DynamoDB::Table')).find(([, table]) =>
      JSON.stringify((table as { Properties: { KeySchema: unknown } }).Properties.KeySchema).includes(
        `"AttributeName":"${partitionKey}","KeyType":"HASH"`,
      ),
    ) ?? [''];
    return id;
  };
  const auditId = tableId('chain');
  const pendingId = tableId('shard');
  const onTable = (statement: Statement, id: string) =>
    statement.Resource === '*' || new RegExp(`${id}(?!Pending)`).test(JSON.stringify(statement.Resource));
  const allStatements = suffixes.flatMap((suffix) =>
    Object.entries(template(suffix).findResources('AWS::IAM::Policy')).flatMap(([policyId, policy]) =>
      (
        policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }
      ).Properties.PolicyDocument.Statement.map((statement) => ({
        policyId: `${suffix}/${policyId}`,
        statement,
      })),
    ),
  );

  it('lets no function update, delete or batch-write entries of the Audit table', () => {
    expect(auditId).toMatch(/^Audit/);
    expect(pendingId).toMatch(/^AuditPending/);
    const forbidden =
      /^dynamodb:(\*|UpdateItem|DeleteItem|BatchWriteItem|PartiQL(Insert|Update|Delete)|(Delete|Update)Table|Restore.*|Import.*)$/;
    const onAudit = allStatements.filter(({ statement }) => onTable(statement, auditId));
    expect(onAudit.length).toBeGreaterThan(0);
    const granted = onAudit.flatMap(({ policyId, statement }) =>
      [statement.Action].flat().map((action) => `${policyId}: ${action}`),
    );
    expect(granted.filter((line) => forbidden.test(line.split(': ')[1] ?? ''))).toEqual([]);
    expect(
      new Set(
        onAudit
          .filter(({ statement }) => statement.Resource !== '*')
          .flatMap(({ statement }) => [statement.Action].flat())
          .filter((a) => a.startsWith('dynamodb:')),
      ),
    ).toEqual(new Set(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem']));
  });

  it('makes every function that appends to a chain also mark it for the next checkpoint', () => {
    const byPolicy = new Map<string, Statement[]>();
    for (const { policyId, statement } of allStatements)
      byPolicy.set(policyId, [...(byPolicy.get(policyId) ?? []), statement]);
    const appenders = [...byPolicy].filter(([, statements]) =>
      statements.some((s) => onTable(s, auditId) && [s.Action].flat().includes('dynamodb:PutItem')),
    );
    expect(appenders.length).toBeGreaterThanOrEqual(10);
    for (const [policyId, statements] of appenders) {
      const marks = statements.some(
        (s) =>
          JSON.stringify(s.Resource).includes(pendingId) && [s.Action].flat().includes('dynamodb:PutItem'),
      );
      expect(marks, policyId).toBe(true);
    }
  });

  it('lets the mail sender append its mails to the audit trail, and nothing more there', () => {
    const mail = template('Mail');
    const sender = functionPolicyStatements(mail, 'Sender');
    expect(
      sender
        .filter((s) => onTable(s, auditId))
        .flatMap((s) => [s.Action].flat())
        .sort(),
    ).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(
      sender.filter((s) => JSON.stringify(s.Resource).includes(pendingId)).flatMap((s) => [s.Action].flat()),
    ).toEqual(['dynamodb:PutItem']);
    const events = functionPolicyStatements(mail, 'DeliveryEvents');
    expect(
      events.filter((s) => onTable(s, auditId) || JSON.stringify(s.Resource).includes(pendingId)),
    ).toEqual([]);
  });

  it("lets the officers' audit view query chains and read mail delivery events only, writing nothing", () => {
    const statements = functionPolicyStatements(template('Api'), 'OfficerAudit');
    expect(statements.filter((s) => onTable(s, auditId)).flatMap((s) => [s.Action].flat())).toEqual([
      'dynamodb:Query',
    ]);
    expect(statements.some((s) => JSON.stringify(s.Resource).includes(pendingId))).toBe(false);
    const mailIds = Object.keys(data.findResources('AWS::DynamoDB::Table')).filter((id) =>
      id.startsWith('Mail'),
    );
    expect(mailIds).toHaveLength(1);
    const mailId = mailIds[0] ?? '';
    const onMail = statements.filter((s) => JSON.stringify(s.Resource).includes(mailId));
    expect(onMail).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['message#*'] } },
      }),
    ]);
    const writes = /^dynamodb:(Put|Update|Delete|BatchWrite)/;
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => writes.test(a))).toEqual([]);
  });

  it('keeps checkpoints in a versioned, encrypted, TLS-only bucket with Object Lock in compliance mode', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
        ],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    const [bucketId] = Object.keys(
      data.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } }),
    );
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    synth({ auditCheckpointRetentionDays: 30 })('Data').hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
  });

  it('signs checkpoints with a dedicated P-256 key that only the hourly anchoring job may use to sign', () => {
    const [keyId] = Object.keys(
      data.findResources('AWS::KMS::Key', {
        Properties: {
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
          Description: Match.stringLikeRegexp('audit'),
        },
      }),
    );
    expect(keyId).toMatch(/^AuditAnchorKey/);
    const signers = allStatements.filter(
      ({ statement }) =>
        JSON.stringify(statement.Resource).includes(keyId ?? '') && [statement.Action].flat().length > 0,
    );
    expect(signers.map(({ policyId, statement }) => [policyId.split('/')[0], statement.Action])).toEqual([
      ['Lifecycle', 'kms:Sign'],
    ]);
    const lifecycle = template('Lifecycle');
    lifecycle.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
    const anchor = functionPolicyStatements(lifecycle, 'AuditAnchor');
    const onAudit = anchor.filter((s) => onTable(s, auditId));
    expect(onAudit.flatMap((s) => [s.Action].flat())).toEqual(['dynamodb:Query']);
    const s3 = anchor.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.flatMap((s) => [s.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.stringify(s3[0]?.Resource)).toContain('/checkpoints/*');
  });
});
