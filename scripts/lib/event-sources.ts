import {
  type LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';

/** The enabled event source mappings (queues and streams) of the deployment's functions that `match`. */
export async function enabledMappings(
  lambda: LambdaClient,
  match: (functionArn: string) => boolean = () => true,
): Promise<string[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListEventSourceMappingsCommand({ Marker: marker }));
    for (const mapping of page.EventSourceMappings ?? []) {
      const functionArn = mapping.FunctionArn ?? '';
      if (
        mapping.UUID &&
        mapping.State !== 'Disabled' &&
        functionArn.includes(':function:MotCua-') &&
        match(functionArn)
      )
        ids.push(mapping.UUID);
    }
    marker = page.NextMarker;
  } while (marker);
  return ids;
}

export async function setMappings(
  lambda: LambdaClient,
  ids: readonly string[],
  enabled: boolean,
): Promise<void> {
  for (const id of ids)
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: id, Enabled: enabled }));
}

/**
 * Runs `work` with the given mappings paused, enabling them again afterwards (also on Ctrl-C); what
 * they would have read meanwhile waits in its queue or stream and drains once they are back.
 */
export async function withMappingsPaused<T>(
  lambda: LambdaClient,
  ids: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const restore = () => setMappings(lambda, ids, true);
  const onInterrupt = () => void restore().finally(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    await setMappings(lambda, ids, false);
    return await work();
  } finally {
    process.off('SIGINT', onInterrupt);
    await restore();
  }
}
