import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeployedEnvironment, EnvSchema } from '../../shared/config/env.ts';
import { acknowledge, FUNCTION_ACKNOWLEDGMENTS } from './nag.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const adapter = (file: string) => path.join(PROJECT_ROOT, 'shared/adapters', file);
/**
 * Modules every bundle gets in place of the one named (esbuild aliases), each explained in its file:
 * only the credential sources Lambda can offer (ADR 0010), no event-stream codec (no operation the
 * functions call streams events), no standard PDF font metrics (no Vietnamese glyphs: documents
 * embed DejaVu), no `semver` (only the X-Ray SDK's patcher of the version 2 SDK reads it), and
 * `node:http` and `node:process` loaded with `require` (their ES facades cost a cold start ≈ 30 ms).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': adapter('lambda-credentials.ts'),
  '@smithy/core/event-streams': adapter('no-event-streams.ts'),
  '@pdf-lib/standard-fonts': adapter('no-standard-fonts.ts'),
  semver: adapter('no-semver.ts'),
  'node:http': adapter('required-http.ts'),
  http: adapter('required-http.ts'),
  'node:process': adapter('required-process.ts'),
  process: adapter('required-process.ts'),
};
/**
 * How non-code imports are bundled: pages as text, gzipped files (the OpenAPI document, the font
 * subsets) as bytes, whole fonts as files copied beside the bundle (only a document with a character
 * outside the subset reads them, `shared/adapters/dejavu-fonts.ts`).
 */
export const BUNDLE_LOADERS = { '.html': 'text', '.gz': 'binary', '.ttf': 'file' } as const;
/** The expression `shared/runtime/consumer.ts` tests to keep or drop fault injection at bundling. */
export const FAULT_INJECTION_FLAG = 'process.env.MOTCUA_FAULT_INJECTION_BUNDLED';
/**
 * Where each function's source map (for `scripts/decode-stack.ts`) and esbuild metafile (for
 * `bench/bundles.ts`) are kept at deploy time.
 */
export const SOURCE_MAPS_DIR = path.join(PROJECT_ROOT, 'build', 'source-maps');

export interface AppFunctionProps<S extends EnvSchema> {
  /** Handler file relative to `functions/`, e.g. `dossiers/submit.ts`. */
  entry: string;
  description: string;
  envSchema: S;
  environment: DeployedEnvironment<S>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * Every Lambda of the platform: Node 22 on ARM64, one minified ESM bundle with the AWS SDK inside
 * (no reliance on the runtime's copy), JSON logs, and an environment typed from the zod schema the
 * handler validates at start-up. Source maps are not shipped: loading one costs every cold start
 * about 90 ms of CPU, so each map is kept beside the deployment (`build/source-maps/<construct path>`)
 * and stack traces from the logs are decoded offline with `scripts/decode-stack.ts`.
 */
export class AppFunction<S extends EnvSchema> extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: AppFunctionProps<S>) {
    super(scope, id);
    checkEnvironment(id, props.envSchema, props.environment);
    const tracing = tracingEnabled(this);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'functions', props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'motcua',
        POWERTOOLS_TRACE_ENABLED: String(tracing),
        // Responses carry citizens' data, and outbound HTTP URLs are agencies' webhook addresses:
        // neither goes to X-Ray. AWS SDK calls are traced (shared/adapters/aws-calls.ts).
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false',
        // Benchmark deployments count AWS requests per dossier (see bench/cost.ts); never set in production.
        ...(this.node.tryGetContext('countAwsCalls') === 'true' ||
        this.node.tryGetContext('countAwsCalls') === true
          ? { MOTCUA_COUNT_AWS_CALLS: '1' }
          : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        metafile: true,
        externalModules: [],
        mainFields: ['module', 'main'],
        loader: { ...BUNDLE_LOADERS },
        // Fault injection (and its SSM client) is bundled only into deployments made for fault runs.
        define: { [FAULT_INJECTION_FLAG]: JSON.stringify(faultRunDeployment(this) ? 'bundled' : 'false') },
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        esbuildArgs: {
          '--alias': Object.entries(BUNDLE_ALIASES).map(([module, standIn]) => `${module}=${standIn}`),
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => {
            const kept = path.join(SOURCE_MAPS_DIR, this.node.path);
            return [
              `mkdir -p "${kept}"`,
              `mv "${outputDir}/index.mjs.map" "${kept}/index.mjs.map"`,
              `mv "${outputDir}/index.meta.json" "${kept}/index.meta.json"`,
            ];
          },
        },
      },
    });
    if (tracing) {
      // Active tracing through AWS's managed policy rather than CDK's inline `Resource: *` grant,
      // so that acknowledging it cannot hide another wildcard in the function's own policy.
      const cfnFunction = this.function.node.defaultChild;
      if (!(cfnFunction instanceof CfnFunction)) throw new Error(`${id}: the function has no CfnFunction`);
      cfnFunction.tracingConfig = { mode: 'Active' };
      this.function.role?.addManagedPolicy(
        ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'),
      );
    }
    acknowledge(this, FUNCTION_ACKNOWLEDGMENTS);
  }
}

/** A deployment made with `-c faultInjection=…` (fault runs and the tests' deployment). */
function faultRunDeployment(scope: Construct): boolean {
  const value: unknown = scope.node.tryGetContext('faultInjection');
  return value !== undefined && value !== null && value !== '';
}

/** X-Ray tracing unless `-c tracing=false` (the emulator's deployments: it has no X-Ray). */
function tracingEnabled(scope: Construct): boolean {
  const value: unknown = scope.node.tryGetContext('tracing');
  return value !== false && value !== 'false';
}

/** Literal values are checked against the handler's schema at synth time; tokens are checked at start-up. */
function checkEnvironment(id: string, schema: EnvSchema, environment: Record<string, string>): void {
  const expected = Object.keys(schema.shape);
  const unexpected = Object.keys(environment).filter((key) => !expected.includes(key));
  if (unexpected.length > 0)
    throw new Error(`${id}: environment has keys the handler does not read: ${unexpected}`);
  for (const [key, value] of Object.entries(environment)) {
    const field = schema.shape[key];
    if (field && !Token.isUnresolved(value)) {
      const result = field.safeParse(value);
      if (!result.success) throw new Error(`${id}: ${key}=${value} is invalid: ${result.error.message}`);
    }
  }
}
