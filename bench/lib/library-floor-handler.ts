import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';

/**
 * The least a function of this platform bundles, beside the empty handler in `bench/bundles.ts`:
 * its event validated by a zod schema, one structured log line, one DynamoDB read through the SDK's
 * client. No platform code, no tracing. Whatever a real function adds is over this line.
 */
const EventSchema = z.object({ code: z.string().min(1) });
const logger = new Logger();
const dynamodb = new DynamoDBClient({});

export const handler = async (event: unknown) => {
  const { code } = EventSchema.parse(event);
  logger.info('read', { code });
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: code } } }));
  return { statusCode: Item ? 200 : 404 };
};
