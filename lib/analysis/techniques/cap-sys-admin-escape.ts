/** §3.22 CAP_SYS_ADMIN_ESCAPE: SYS_ADMIN + AppArmor Unconfined in an existing pod → its node (conservative: cgroup v1 is not visible). */
import { podEscape } from "./escape-common";

export const capSysAdminEscape = podEscape("CAP_SYS_ADMIN_ESCAPE");
