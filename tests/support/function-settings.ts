import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';

const lambda = new LambdaClient({});

/** The deployed function whose name holds `-<stack>-<logicalId>Function` (CDK's generated name). */
export async function deployedFunctionName(stack: string, logicalId: string): Promise<string> {
  const wanted = `-${stack}-${logicalId}Function`;
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ Marker: marker }));
    const found = page.Functions?.find((fn) => fn.FunctionName?.includes(wanted));
    if (found?.FunctionName) return found.FunctionName;
    marker = page.NextMarker;
  } while (marker);
  throw new Error(`No deployed function named like *${wanted}*`);
}

/**
 * Sets environment variables of deployed functions, as a deployment with another setting would,
 * and answers how to put back what was there. Each function is updated before the next is read.
 */
export async function overrideEnvironment(
  functionNames: readonly string[],
  variables: Record<string, string>,
): Promise<() => Promise<void>> {
  const previous = new Map<string, Record<string, string>>();
  for (const name of functionNames) {
    const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const before = current.Environment?.Variables ?? {};
    previous.set(name, before);
    await setEnvironment(name, { ...before, ...variables });
  }
  return async () => {
    for (const [name, before] of previous) await setEnvironment(name, before);
  };
}

async function setEnvironment(name: string, variables: Record<string, string>): Promise<void> {
  await lambda.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: variables } }),
  );
  await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: name });
}
