/** §3.6 POD_SA_TOKEN: code execution in a pod → every ServiceAccount it holds an API token for (§1.4). */
import { objectRef } from "../refs";
import type { PodTechnique } from "../technique";
import { saRef } from "./common";

export const podSaToken: PodTechnique = {
  id: "POD_SA_TOKEN",
  on: "pod",
  apply(ctx, pod, out) {
    const ns = pod.metadata.namespace;
    const via = objectRef("Pod", pod.metadata.name, ns);
    for (const t of ctx.tokensOf(ns, pod.spec)) {
      out.edge(saRef(ns, t.serviceAccount), "POD_SA_TOKEN", [via], [`${via}#${t.field}`]);
    }
  },
};
