export { bilingual, fieldIssuesOf } from '../domain/field-issues.ts';
