// #admission: what tests of the whole deployment read of an admission node (its settings). Apps and libs never
// import it (lint refuses that); the node's wire protocol is in #contracts.
export { admissionSettings } from './config';
export type { AdmissionConfig } from './config';
