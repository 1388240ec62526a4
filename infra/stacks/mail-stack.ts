import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { mailEventsEnv, mailSenderEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import { grantReadPublicApiParameter } from '../constructs/public-api-parameter.ts';
import type { DataStack } from './data-stack.ts';

/**
 * Official mail: the province's sending domain, the configuration set that tracks delivery, the mail
 * queue with its sender, and the handler that records delivery events.
 */
/**
 * Deliveries before a mail is parked. With the sender's doubling waits (2 s … 60 s) that is about
 * three minutes: longer than a claimed send stays locked (`CLAIM_TIMEOUT_MS`), so a sender cut off
 * mid-send, or a short outage of SES or DynamoDB, does not park mail.
 */
export const MAIL_MAX_RECEIVE_COUNT = 8;

export class MailStack extends Stack {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;

  readonly queue: Queue;

  constructor(
    scope: Construct,
    id: string,
    private readonly config: DeploymentConfig,
    data: DataStack,
    props?: StackProps,
  ) {
    super(scope, id, props);
    this.configurationSet = new ConfigurationSet(this, 'OfficialMail', {
      configurationSetName: `${config.stackPrefix.toLowerCase()}-official-mail`,
    });
    this.identity = new EmailIdentity(this, 'OfficialDomain', {
      identity: Identity.domain(config.officialMailDomain),
      configurationSet: this.configurationSet,
    });
    // Delivery events (sent, delivered, bounced, complained, rejected) go to the default event bus.
    this.configurationSet.addEventDestination('DeliveryEvents', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
      ],
    });

    const deadLetters = new Queue(this, 'MailDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'MailQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A national peak hour takes days to send at the SES rate: the default 4 days could expire mail unsent.
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.seconds(config.routingVisibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAIL_MAX_RECEIVE_COUNT },
    });
    alarmOnDeadLetters(this, 'MailDlqAlarm', deadLetters, {
      description: `Citizen mail failed ${MAIL_MAX_RECEIVE_COUNT} times and waits in the mail DLQ`,
      periodMinutes: 1,
    });

    const sender = new AppFunction(this, 'Sender', {
      entry: 'mail/send.ts',
      description: 'Sends queued citizen mail once per dossier, template and recipient',
      envSchema: mailSenderEnv,
      timeout: Duration.seconds(Math.min(30, config.routingVisibilityTimeoutSeconds)),
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        MAIL_TABLE: data.mail.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        QUEUE_URL: this.queue.queueUrl,
        MAX_RECEIVE_COUNT: String(MAIL_MAX_RECEIVE_COUNT),
        OFFICIAL_SENDER: config.officialSender,
        MAIL_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        PUBLIC_API_PARAMETER: config.publicApiParameter,
        ...data.faultInjectionEnvironment(),
      },
    });
    data.grantReadFaultInjection(sender.function);
    grantReadPublicApiParameter(sender.function, config.publicApiParameter);
    data.dossiers.grantReadData(sender.function);
    data.mail.grantReadWriteData(sender.function);
    data.grantAuditAppend(sender.function);
    this.grantSendOfficialMail(sender.function);
    // Two senders at most: a burst of dossiers drains steadily instead of hitting the SES send rate.
    sender.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 5, maxConcurrency: 2, reportBatchItemFailures: true }),
    );

    const events = new AppFunction(this, 'DeliveryEvents', {
      entry: 'mail/delivery-events.ts',
      description: 'Records SES delivery events and suppresses bounced or complaining addresses',
      envSchema: mailEventsEnv,
      environment: { MAIL_TABLE: data.mail.tableName },
    });
    data.mail.grantReadWriteData(events.function);
    new Rule(this, 'DeliveryEventsRule', {
      description: 'SES delivery events of the official configuration set',
      eventPattern: { source: ['aws.ses'] },
      targets: [new LambdaFunction(events.function, { retryAttempts: 2 })],
    });

    new CfnOutput(this, 'MailQueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'MailDeadLetterQueueUrl', { value: deadLetters.queueUrl });
    new CfnOutput(this, 'DeliveryEventsFunctionName', { value: events.function.functionName });
    new CfnOutput(this, 'OfficialSender', { value: config.officialSender });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName });
  }

  /** Sending only from the official sender, only through the official configuration set. */
  grantSendOfficialMail(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.formatArn({
            service: 'ses',
            resource: 'identity',
            resourceName: this.config.officialMailDomain,
          }),
          this.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.config.officialSender } },
      }),
    );
  }
}
