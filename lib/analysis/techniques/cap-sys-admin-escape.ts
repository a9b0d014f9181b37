/** §3.22 CAP_SYS_ADMIN_ESCAPE: SYS_ADMIN + AppArmor Unconfined in an existing pod → its node (conservative: cgroup v1 is not visible). */
import { podEscape } from "./escape-common";

export const capSysAdminEscape = podEscape({ id: "CAP_SYS_ADMIN_ESCAPE", section: 22, rank: 26 });
