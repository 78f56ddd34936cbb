// #control-plane: the control plane as test harnesses and benchmarks start it in their own process. Apps and libs
// never import it (lint refuses that): they talk to the running control plane over HTTP, Redis and BullMQ.
export { createControlPlane } from './create-control-plane';
export type { ControlPlane } from './create-control-plane';
export { controlPlaneSettings } from './config';
export type { ControlPlaneConfig } from './config';
export { AccountSetupService } from './accounts/account-setup.service';
export type { NewCustomer } from './accounts/account-setup.service';
export { OperatorLoginsService } from './operator/operator-logins.service';
export { AttendanceRepository } from './attendance/attendance.repository';
export type { StoredAttendance } from './attendance/attendance.repository';
