import * as z from 'zod';
import { maskEmail } from '../../domain/common/text.ts';
import {
  accountMail,
  accountMailKindOf,
  type Slot,
  workspaceUrlOf,
} from '../../domain/officers/account-mail.ts';
import type { Log } from '../log.ts';

/** The fields of Cognito's custom message event this use case reads; the rest is handed back as it came. */
export const CustomMessageEventSchema = z.looseObject({
  triggerSource: z.string(),
  userName: z.string().nullish(),
  request: z.looseObject({
    userAttributes: z.record(z.string(), z.unknown()).nullish(),
    codeParameter: z.string().min(1),
    usernameParameter: z.string().nullish(),
    clientMetadata: z.record(z.string(), z.unknown()).nullish(),
  }),
  response: z.looseObject({}).nullish(),
});
export type CustomMessageEvent = z.infer<typeof CustomMessageEventSchema>;

/** What the administrator's invitation passes to this trigger (Cognito's `ClientMetadata`). */
export const INVITATION_AGENCY_NAME = 'agencyName';

export interface AccountMessagePorts {
  /** The API's base URL, ending with `/` (where the workspace is served). */
  baseUrl(): Promise<string>;
  log: Log;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * Cognito's custom message trigger: the officer's invitation and code mails in Vietnamese and English,
 * linking to the workspace. Events this does not write for, and invitations Cognito gives no username
 * placeholder for, keep the pool's own message (the answer's fields stay empty).
 */
export async function customizeAccountMessage(
  ports: AccountMessagePorts,
  event: CustomMessageEvent,
): Promise<CustomMessageEvent> {
  const kind = accountMailKindOf(event.triggerSource);
  const { request } = event;
  if (!kind) return event;
  const username: Slot | undefined =
    kind === 'invitation'
      ? request.usernameParameter
        ? { placeholder: request.usernameParameter }
        : undefined
      : (text(event.userName) ?? '');
  if (username === undefined) return event;
  const workspaceUrl = await ports.baseUrl().then(workspaceUrlOf, (error: unknown) => {
    // Without its link the mail still carries the code the officer is waiting for.
    ports.log.warn('workspace address unknown: mail sent without its link', { error: String(error) });
    return undefined;
  });
  const attributes = request.userAttributes ?? {};
  const mail = accountMail({
    kind,
    code: { placeholder: request.codeParameter },
    username,
    fullName: text(attributes.name),
    // Only the administrator's invitation may name the unit: other events' metadata comes from the caller.
    agencyName: kind === 'invitation' ? text(request.clientMetadata?.[INVITATION_AGENCY_NAME]) : undefined,
    workspaceUrl,
  });
  ports.log.info('account mail written', {
    kind,
    to: typeof attributes.email === 'string' ? maskEmail(attributes.email) : undefined,
  });
  return {
    ...event,
    response: {
      ...event.response,
      emailSubject: mail.subject,
      emailMessage: mail.html,
      smsMessage: mail.sms,
    },
  };
}
