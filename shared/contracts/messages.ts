export { bilingual, fieldIssuesOf } from '../domain/common/field-issues.ts';
