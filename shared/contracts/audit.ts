export { type AuditTrail, AuditTrailSchema } from '../domain/audit/audit-view.ts';
