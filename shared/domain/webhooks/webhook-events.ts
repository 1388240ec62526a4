/** What an agency system can follow without polling. */
export const WEBHOOK_EVENT_TYPES = [
  'dossier.received',
  'dossier.status_changed',
  'dossier.supplement_requested',
  'dossier.result_ready',
  'dossier.step_overdue',
  'document.arrived',
  'document.acknowledgement_received',
  'kpi.published',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
