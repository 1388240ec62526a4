/**
 * The indicators published as rates (numerator, denominator, value), in the order the CSV export and
 * the dashboard show them. Free of imports, so the dashboard's browser bundle can take it as is.
 */
export const KPI_RATE_NAMES = [
  'onTimeRate',
  'onlineProcedureRate',
  'onlineServiceRate',
  'onlineRate',
  'digitisationRate',
  'digitisedDossierRate',
  'signedRate',
  'exchangeSignedRate',
  'fullOnlineProcedureRate',
  'satisfactionRate',
] as const;
export type KpiRateName = (typeof KPI_RATE_NAMES)[number];
