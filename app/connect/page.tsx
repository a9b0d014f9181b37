import { ConnectPanel } from "@/components/connect-panel";
import { EmptyState, PageHeader } from "@/components/ui";
import { listContexts } from "@/lib/ingest/live";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connect" };

export default function ConnectPage() {
  const list = listContexts();
  return (
    <div>
      <PageHeader
        title="Connect to a cluster"
        subtitle={
          <>
            Contexts of the kubeconfig this server was started with (<span className="font-mono text-xs">{list.files.join(", ")}</span>). Ingest reads
            with get/list only; Secret values are dropped as they arrive.
          </>
        }
      />
      {list.ok ? (
        list.contexts.length > 0 ? (
          <ConnectPanel contexts={list.contexts.map((c) => ({ name: c.name, cluster: c.cluster, server: c.server ?? "", current: c.current }))} />
        ) : (
          <EmptyState>The kubeconfig has no contexts.</EmptyState>
        )
      ) : (
        <EmptyState>
          {list.message}. Start the server with <code>KUBECONFIG=/path/to/kubeconfig</code>, or use <code>rbac-atlas ingest --kubeconfig FILE</code>.
        </EmptyState>
      )}
    </div>
  );
}
