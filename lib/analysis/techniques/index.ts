/** The technique registry: every technique of §3, one file each, in one explicit list. */
import type { Technique } from "../technique";
import { capSysAdminEscape } from "./cap-sys-admin-escape";
import { capSysModuleEscape } from "./cap-sys-module-escape";
import { clusterAdminEquivalent } from "./cluster-admin-equivalent";
import { controlPlaneNodeTakeover } from "./control-plane-node-takeover";
import { csrApproveSign } from "./csr-approve-sign";
import { hostpathEscape } from "./hostpath-escape";
import { hostpidEscape } from "./hostpid-escape";
import { impersonate } from "./impersonate";
import { namespaceLabelPsaBypass } from "./namespace-label-psa-bypass";
import { nodeTokenHarvest } from "./node-token-harvest";
import { nodesProxyExec } from "./nodes-proxy-exec";
import { podCreateTokenTheft } from "./pod-create-token-theft";
import { podEphemeralContainer } from "./pod-ephemeral-container";
import { podExec } from "./pod-exec";
import { podPatchImage } from "./pod-patch-image";
import { podSaToken } from "./pod-sa-token";
import { privilegedPodAfterRelabel, privilegedPodCreate, privilegedPodEscape } from "./privileged-pod-node-escape";
import { pvHostpath } from "./pv-hostpath";
import { roleBind } from "./role-bind";
import { roleEscalate } from "./role-escalate";
import { secretCreateSaToken } from "./secret-create-sa-token";
import { secretRead } from "./secret-read";
import { secretReadSaToken } from "./secret-read-sa-token";
import { tokenRequest } from "./token-request";
import { webhookConfigWrite } from "./webhook-config-write";
import { workloadCreate } from "./workload-create";
import { hostpathRead } from "./hostpath-read";
import { nodeAuthzSecretRead } from "./node-authz-secret-read";
import { nodeAuthzTokenRequest } from "./node-authz-token-request";
import { nodeIdentityAssume } from "./node-identity-assume";
import { podAttach } from "./pod-attach";
import { sharePsNamespace } from "./share-ps-namespace";
import { varLogSymlink } from "./var-log-symlink";

export const TECHNIQUES: readonly Technique[] = [
  clusterAdminEquivalent,
  podCreateTokenTheft,
  workloadCreate,
  podExec,
  podEphemeralContainer,
  podSaToken,
  secretReadSaToken,
  secretRead,
  secretCreateSaToken,
  tokenRequest,
  impersonate,
  roleBind,
  roleEscalate,
  csrApproveSign,
  nodesProxyExec,
  webhookConfigWrite,
  pvHostpath,
  namespaceLabelPsaBypass,
  privilegedPodCreate,
  privilegedPodAfterRelabel,
  privilegedPodEscape,
  hostpathEscape,
  hostpidEscape,
  capSysAdminEscape,
  capSysModuleEscape,
  nodeTokenHarvest,
  controlPlaneNodeTakeover,
  nodeIdentityAssume,
  nodeAuthzTokenRequest,
  nodeAuthzSecretRead,
  hostpathRead,
  varLogSymlink,
  sharePsNamespace,
  // Container-reaching techniques last: a Container of a pod the principal reaches as a Pod is subsumed (v2 §3.32).
  podPatchImage,
  podAttach,
];
