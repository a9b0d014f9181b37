/** §3.23 CAP_SYS_MODULE_ESCAPE: SYS_MODULE (or ALL) in a non-privileged container of an existing pod → its node. */
import { podEscape } from "./escape-common";

export const capSysModuleEscape = podEscape({ id: "CAP_SYS_MODULE_ESCAPE", section: 23, rank: 25 });
