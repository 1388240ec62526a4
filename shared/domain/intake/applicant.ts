import type { z } from 'zod';
import { maskEmail, maskPersonalData } from '../common/text.ts';
import type { ApplicantSchema } from '../lifecycle/dossier-schema.ts';

export type Applicant = z.infer<typeof ApplicantSchema>;

/** What of an applicant may appear in a log line. */
export function maskedApplicant(applicant: Applicant) {
  return {
    fullName: maskPersonalData(applicant.fullName),
    idNumber: maskPersonalData(applicant.idNumber),
    phone: maskPersonalData(applicant.phone),
    email: maskEmail(applicant.email),
  };
}
