import { publicBaseUrlFromParameter } from '../../shared/adapters/public-api.ts';
import {
  type AccountMessagePorts,
  CustomMessageEventSchema,
  customizeAccountMessage,
} from '../../shared/app/officers/account-messages.ts';
import { accountMailEnv, loadEnv } from '../../shared/config/env.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(accountMailEnv);
const ports: AccountMessagePorts = {
  baseUrl: publicBaseUrlFromParameter(env.PUBLIC_API_PARAMETER, env),
  log: logger,
};

/** Cognito's custom message trigger of the officers' pool. */
export const handler = scheduledJob(
  (event) => CustomMessageEventSchema.parse(event),
  (event) => customizeAccountMessage(ports, event),
);
