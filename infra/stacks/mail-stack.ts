import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';

/** Official mail: the province's sending domain and the configuration set that tracks delivery. */
export class MailStack extends Stack {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;

  constructor(
    scope: Construct,
    id: string,
    private readonly config: DeploymentConfig,
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
