import * as path from 'node:path';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServiceName } from '../functions/observability/metric-names';
import { METRICS_NAMESPACE } from '../functions/observability/metrics';

/** One of the Lambda handlers; its folder `functions/<name>/` and its service share the name. */
export type HandlerName = (typeof ServiceName)[keyof typeof ServiceName];

/**
 * The newest Node.js runtime that both aws-cdk-lib 2.278 and cfn-lint 1.51 accept. CDK already
 * offers nodejs26.x, but cfn-lint 1.51 rejects it; move up when cfn-lint learns it.
 */
export const handlerRuntime = Runtime.NODEJS_24_X;

/**
 * esbuild aliases of the Lambda bundles: the AWS SDK's default credential chain becomes the
 * environment-only provider in `functions/runtime/lambda-credentials.ts`, which is all Lambda
 * needs and about 85 KB less code to load per function.
 */
export const lambdaBundleAliases: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': path.join(
    __dirname,
    '..',
    'functions',
    'runtime',
    'lambda-credentials.ts',
  ),
};

/** Absolute path of a handler's entry file, `functions/<name>/handler.ts`. */
export function handlerEntryPath(name: HandlerName): string {
  return path.join(__dirname, '..', 'functions', name, 'handler.ts');
}

/** Log settings that every flow passes on to its functions. */
export interface HandlerLoggingProps {
  /** Retention of the function log groups. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Powertools log level: DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT. @default 'INFO' */
  readonly logLevel?: string;
  /** Removal policy of the log groups on stack deletion. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** Options of one pipeline function. */
export interface HandlerFunctionProps extends HandlerLoggingProps {
  /** Handler folder and Powertools service name. */
  readonly name: HandlerName;
  /** Entry file. @default handlerEntryPath(name) */
  readonly entry?: string;
  readonly timeout: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** Variables besides the `POWERTOOLS_*` ones this construct sets. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A Node.js Lambda function on arm64, bundled by the local esbuild with the AWS SDK inside
 * the bundle (only the clients the handler imports), minified, with its own log group.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // Its own role instead of the managed basic execution policy, so the function can write
    // to its own log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: props.entry ?? handlerEntryPath(props.name),
      handler: 'handler',
      runtime: handlerRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: false,
        target: 'node24',
        format: OutputFormat.CJS,
        mainFields: ['module', 'main'],
        // An empty list bundles the AWS SDK instead of loading the runtime's copy.
        externalModules: [],
        esbuildArgs: Object.fromEntries(
          Object.entries(lambdaBundleAliases).map(([module, file]) => [`--alias:${module}`, file]),
        ),
      },
    });
    acknowledgeNagFindings(this.function);
  }
}

function acknowledgeNagFindings(fn: NodejsFunction): void {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'nodejs24.x is the newest runtime that cfn-lint 1.51 accepts; nodejs26.x waits for cfn-lint.',
  });
}
