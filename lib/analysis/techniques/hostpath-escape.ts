/** §3.20 HOSTPATH_ESCAPE: a sensitive host path mounted into a container of an existing pod → its node. */
import { podEscape } from "./escape-common";

export const hostpathEscape = podEscape({ id: "HOSTPATH_ESCAPE", section: 20, rank: 23 });
