import { CanIAnswer } from "@/components/access-answer";
import { CAN_I_EXAMPLES, Examples } from "@/components/access-examples";
import { canIFields, isBlank, parseCanI, type SearchParams } from "@/components/access-params";
import { ErrorNote } from "@/components/access-request";
import { snapshotHref } from "@/components/links";
import { CanIForm } from "@/components/request-form";
import { PageHeader } from "@/components/ui";
import { canI } from "@/lib/rbac";
import { compiledSnapshot } from "@/lib/query/compiled-cache";
import { listNamespaces } from "@/lib/store";
import { escalationToEverything, principalOfUser } from "@/lib/query/effective-access";
import { hopCausesByPath } from "@/lib/query/escalation";
import { ReachableAnyway } from "@/components/escalation-note";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Can I" };

export default async function CanIPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<SearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const fields = canIFields(await searchParams);
  const action = snapshotHref(snapshot.id, "can-i");
  const parsed = isBlank(fields) ? undefined : parseCanI(fields);
  const decision = parsed?.ok ? canI(compiledSnapshot(db(), snapshot.id).policy, parsed.value.identity, parsed.value.request) : undefined;
  // RBAC's "no" is not the whole truth when the subject can escalate to cluster admin
  const around = decision && !decision.allowed && parsed?.ok ? escalationToEverything(db(), snapshot.id, principalOfUser(parsed.value.identity.user)) : undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Can I"
        subtitle="Would the kube-apiserver's RBAC authorizer allow this request? Like kubectl auth can-i --as, with the proof."
      />
      <CanIForm values={fields} namespaces={await listNamespaces(db(), snapshot.id)} action={action} />
      {parsed === undefined ? <Examples action={action} examples={CAN_I_EXAMPLES} /> : null}
      {parsed && !parsed.ok ? <ErrorNote message={parsed.message} /> : null}
      {decision ? <CanIAnswer snapshot={snapshot.id} decision={decision} /> : null}
      {around ? <ReachableAnyway snapshot={snapshot.id} path={around} causes={hopCausesByPath(db(), snapshot.id, [around], { fromGraph: false }).get(around)} /> : null}
    </div>
  );
}
