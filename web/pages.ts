import citizenForm from './citizen-form.html';
import errorSummary from './error-summary.html';
import lookup from './lookup.html';

/** Both pages announce errors the same way: the script is written once and inlined into each page. */
const inline = (page: string) => page.replace('<!-- error-summary -->', errorSummary);

export const citizenFormPage = inline(citizenForm);
export const lookupPage = inline(lookup);
