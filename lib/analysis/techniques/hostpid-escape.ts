/** §3.21 HOSTPID_ESCAPE: hostPID + SYS_PTRACE + AppArmor Unconfined in an existing pod → its node (hostPID alone is not an escape). */
import { podEscape } from "./escape-common";

export const hostpidEscape = podEscape({ id: "HOSTPID_ESCAPE", section: 21, rank: 24 });
