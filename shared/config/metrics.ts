/**
 * The platform's custom CloudWatch metrics: emitted by the functions (`shared/observability.ts`),
 * read by the dashboard and alarms (`infra/stacks/monitoring-stack.ts`). Every metric carries the
 * `service` dimension; only `Requests` adds more (route and status class), never an identifier.
 */
export const METRICS_NAMESPACE = 'Motcua';
export const METRICS_SERVICE = 'motcua';

export const BusinessMetric = {
  /** A new dossier stored at intake (replays of the same idempotency key are not counted). */
  DossierReceived: 'DossierReceived',
  /** A dossier completed by its due time (early or on time, as the KPIs count it). */
  DossierSettledOnTime: 'DossierSettledOnTime',
  DossierSettledLate: 'DossierSettledLate',
  /**
   * Open dossiers past their statutory appointment without an approved apology (form 04), as each
   * run of the apology sweep finds them (every 15 minutes by default): a level, not a flow.
   */
  DossierLateWithoutApology: 'DossierLateWithoutApology',
  /** Steps of internal processes found past their own deadline and alerted (once each). */
  StepOverdueAlerted: 'StepOverdueAlerted',
  /** SES accepted a mail, or refused it / could not be reached (the message is retried, then parked). */
  MailSent: 'MailSent',
  MailFailed: 'MailFailed',
  /** One webhook attempt: accepted by the receiver, or anything else (retried on the schedule). */
  WebhookDelivered: 'WebhookDelivered',
  WebhookFailed: 'WebhookFailed',
  /** KMS refused or failed a signature (dossier receipts, documents, results, audit checkpoints). */
  SigningFailed: 'SigningFailed',
  /** The KPI aggregator finished a scheduled or requested run. */
  KpiAggregationCompleted: 'KpiAggregationCompleted',
  /** Counter cells the aggregator's recount had to correct. */
  KpiDriftCorrected: 'KpiDriftCorrected',
  /** A stored item a listing (a unit's queue, the apology sweep) left out because it failed its schema. */
  MalformedItemSkipped: 'MalformedItemSkipped',
} as const;
export type BusinessMetricName = (typeof BusinessMetric)[keyof typeof BusinessMetric];

/** API requests answered, by `route` (method and resource template) and `statusClass` (2xx…5xx). */
export const REQUESTS_METRIC = 'Requests';
