export { GcpWorkloadIdentity } from "./workload-identity";
export type { GcpWorkloadIdentityProps } from "./props";
