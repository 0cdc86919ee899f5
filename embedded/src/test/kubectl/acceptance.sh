#!/usr/bin/env bash
# kubectl acceptance: real kubectl against the embedded cluster named by $KUBECONFIG.
# Each check runs one kubectl invocation and greps its output for kubectl's exact text (column headers and
# messages as kubectl prints them against a kubeadm v1.31 cluster). No special flags: kubectl validates against
# our /openapi/v3 (fieldValidation=Strict), talks HTTPS with admin.conf's client certificate.
# Optional: JANE_KUBECONFIG = a kubeconfig of a user without any RBAC grants (the 403 checks also use --as=jane).
set -uo pipefail
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# check, absent, count
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../../scripts" && pwd)/kubectl-checks.sh"

cat >"$TMP/pod.yaml" <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
Y
cat >"$TMP/node.yaml" <<'Y'
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels: {kubernetes.io/hostname: worker-1}
Y
cat >"$TMP/bad.yaml" <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
    image: nginx
    imagePullPolcy: Always
Y
cat >"$TMP/svc.yaml" <<'Y'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
Y
cat >"$TMP/cm.yaml" <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
Y

check "cluster-info"                "Kubernetes control plane.* is running at"  -- kubectl cluster-info
check "version"                     "Server Version: v1\.[0-9]+\.[0-9]+"       -- kubectl version
check "api-resources"               "deployments +deploy +apps/v1 +true +Deployment" -- kubectl api-resources
check "api-resources --namespaced=false" "^nodes +no +v1 +false +Node"          -- kubectl api-resources --namespaced=false
check "api-versions"                "^apps/v1$"                                -- kubectl api-versions
check "get ns (system namespaces)"  "kube-system"                              -- kubectl get ns
check "create namespace"            "namespace/acc created"                    -- kubectl create namespace acc
check "create namespace again"      'Error from server \(AlreadyExists\): namespaces "acc" already exists' -- kubectl create namespace acc
# API server only (no kube-controller-manager, so no serviceaccount controller): the new namespace has no default
# ServiceAccount, and the ServiceAccount admission plugin rejects pods as kube-apiserver does; creating it by hand helps.
check "pod without default SA"      'Error from server \(Forbidden\): error when creating ".*pod.yaml": pods "web" is forbidden: error looking up service account acc/default: serviceaccount "default" not found' -- kubectl -n acc create -f "$TMP/pod.yaml"
check "create serviceaccount"       "serviceaccount/default created"           -- kubectl -n acc create serviceaccount default
check "create node -f"              "node/worker-1 created"                    -- kubectl create -f "$TMP/node.yaml"
check "create deployment"           "deployment.apps/web created"              -- kubectl -n acc create deployment web --image=nginx:1.25 --replicas=2
check "create configmap"            "configmap/cfg created"                    -- kubectl -n acc create configmap cfg --from-literal=a=1
check "create secret"               "secret/pw created"                        -- kubectl -n acc create secret generic pw --from-literal=password=s3cret
check "create -f"                   "pod/web created"                          -- kubectl -n acc create -f "$TMP/pod.yaml"
check "get pods columns"            "^NAME +READY +STATUS +RESTARTS +AGE$"     -- kubectl -n acc get pods
check "get pods row"                "^web +0/1 +Pending +0 +[0-9]+s$"           -- kubectl -n acc get pods
check "get pods -o wide columns"    "^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$" -- kubectl -n acc get pods -o wide
check "create -f strict validation" 'Error from server \(BadRequest\): error when creating ".*bad.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers\[0\].imagePullPolcy"' -- kubectl -n acc create -f "$TMP/bad.yaml"
check "invalid name (422)"          'error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain' -- kubectl -n acc create configmap Bad_Name
check "create service -f (NodePort)" "service/web created"                     -- kubectl -n acc create -f "$TMP/svc.yaml"
check "service ClusterIP allocated" "^10\.(9[6-9]|10[0-9]|11[01])\.[0-9]+\.[0-9]+ 3[0-2][0-9]{3}$" -- kubectl -n acc get svc web -o jsonpath='{.spec.clusterIP} {.spec.ports[0].nodePort}'
check "get svc columns"             "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$" -- kubectl -n acc get svc
check "kubernetes service"          "^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443/TCP +"  -- kubectl -n default get svc kubernetes
check "get deploy columns"          "^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$" -- kubectl -n acc get deploy
check "apply (create)"              "configmap/settings created"               -- kubectl -n acc apply -f "$TMP/cm.yaml"
check "apply (unchanged)"           "configmap/settings unchanged"             -- kubectl -n acc apply -f "$TMP/cm.yaml"
sed -i 's/fast/slow/' "$TMP/cm.yaml"
check "diff shows the change"       "\+  mode: slow"                           -- kubectl -n acc diff -f "$TMP/cm.yaml"
check "apply (configured)"          "configmap/settings configured"            -- kubectl -n acc apply -f "$TMP/cm.yaml"
check "apply --server-side"         "configmap/settings serverside-applied"    -- kubectl -n acc apply --server-side --force-conflicts -f "$TMP/cm.yaml"
check "get -o jsonpath"             "^slow$"                                   -- kubectl -n acc get cm settings -o jsonpath='{.data.mode}'
check "get -o json"                 '"kind": "ConfigMap"'                      -- kubectl -n acc get cm settings -o json
check "get -o yaml"                 "resourceVersion: \"[0-9]+\""              -- kubectl -n acc get cm settings -o yaml
check "get -o name"                 "^deployment.apps/web$"                    -- kubectl -n acc get deploy -o name
check "get -A"                      "acc +web"                                 -- kubectl get pods -A
check "get -o wide"                 "web"                                      -- kubectl -n acc get pods -o wide
check "get --show-labels"           "app=web"                                  -- kubectl -n acc get pods --show-labels
check "label"                       "pod/web labeled"                          -- kubectl -n acc label pod web tier=frontend
check "get -l"                      "^pod/web$"                                -- kubectl -n acc get pods -l 'tier in (frontend),app=web' -o name
check "get -l no match"             "No resources found in acc namespace."     -- kubectl -n acc get pods -l tier=backend
check "annotate"                    "pod/web annotated"                        -- kubectl -n acc annotate pod web owner=team-a
check "get --field-selector"        "^pod/web$"                                -- kubectl -n acc get pods --field-selector metadata.name=web -o name
check "field selector unsupported"  "field label not supported: spec.foo"      -- kubectl -n acc get pods --field-selector spec.foo=bar
check "patch (strategic)"           "pod/web patched"                          -- kubectl -n acc patch pod web -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}'
check "patch result"                "^nginx:1.26$"                             -- kubectl -n acc get pod web -o jsonpath='{.spec.containers[0].image}'
check "patch (merge)"               "deployment.apps/web patched"              -- kubectl -n acc patch deploy web --type=merge -p '{"metadata":{"labels":{"team":"a"}}}'
check "patch (json)"                "deployment.apps/web patched"              -- kubectl -n acc patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'
check "scale"                       "deployment.apps/web scaled"               -- kubectl -n acc scale deploy web --replicas=5
check "scale result"                "^5$"                                      -- kubectl -n acc get deploy web -o jsonpath='{.spec.replicas}'
check "set image"                   "deployment.apps/web image updated"        -- kubectl -n acc set image deploy/web nginx=nginx:1.27
printf '#!/bin/sh\nsed -i "s/a: \\"1\\"/a: \\"2\\"/" "$1"\n' >"$TMP/editor"; chmod +x "$TMP/editor"
check "edit via KUBE_EDITOR"        "configmap/cfg edited"                     -- env KUBE_EDITOR="$TMP/editor" kubectl -n acc edit cm cfg
check "edit result"                 "^2$"                                      -- kubectl -n acc get cm cfg -o jsonpath='{.data.a}'
check "get not found"               'Error from server \(NotFound\): pods "nope" not found' -- kubectl -n acc get pod nope
PODUID="$(kubectl -n acc get pod web -o jsonpath='{.metadata.uid}')"
check "create event -f"             "event/hello created"                      -- kubectl -n acc create -f - <<<'{"apiVersion":"v1","kind":"Event","metadata":{"name":"hello"},"involvedObject":{"apiVersion":"v1","kind":"Pod","name":"web","namespace":"acc","uid":"'"$PODUID"'"},"reason":"Testing","message":"hello from the acceptance test","type":"Normal","count":1,"source":{"component":"acceptance"},"firstTimestamp":"2024-01-01T00:00:00Z","lastTimestamp":"2024-01-01T00:00:00Z"}'
check "describe pod"                "Name: +web"                               -- kubectl -n acc describe pod web
check "describe pod events"         "Normal +Testing +.* +acceptance +hello from the acceptance test" -- kubectl -n acc describe pod web
check "describe deployment"         "Name: +web"                               -- kubectl -n acc describe deployment web
check "describe node"               "Name: +worker-1"                          -- kubectl describe node worker-1
check "cordon"                      "node/worker-1 cordoned"                   -- kubectl cordon worker-1
check "cordon result"               "^true$"                                   -- kubectl get node worker-1 -o jsonpath='{.spec.unschedulable}'
check "uncordon"                    "node/worker-1 uncordoned"                 -- kubectl uncordon worker-1
check "get events sorted"           "hello from the acceptance test"           -- kubectl -n acc get events --sort-by=.lastTimestamp -o jsonpath='{.items[*].message}'
check "get events field selector"   "^event/hello$"                            -- kubectl -n acc get events --field-selector involvedObject.kind=Pod -o name
check "get events columns" "LAST SEEN +TYPE +REASON +OBJECT +MESSAGE"  -- kubectl -n acc get events
check "get -w sees a change"        "acc-watch"                                -- bash -c 'timeout 8 kubectl get cm -n acc -w -o name & sleep 2; kubectl -n acc create configmap acc-watch >/dev/null; wait'
check "delete by name"              'configmap "cfg" deleted'                  -- kubectl -n acc delete cm cfg
check "delete by label"             'configmap "settings" deleted'             -- kubectl -n acc delete cm -l '!nothing' --field-selector metadata.name=settings
check "delete --force"              'pod "web" force deleted'                  -- kubectl -n acc delete pod web --grace-period=0 --force
check "dry-run=server"              "configmap/dry created \(server dry run\)" -- kubectl -n acc create configmap dry --dry-run=server
check "auth can-i (admin)"          "^yes$"                                    -- kubectl auth can-i create pods
check "auth can-i (denied)"         "^no$"                                     -- kubectl auth can-i create pods --as=jane
check "auth can-i --list (jane)"    "selfsubjectreviews.authentication.k8s.io +\[\] +\[\] +\[create\]" -- kubectl auth can-i --list --as=jane
check "forbidden get (403 text)"    '^Error from server \(Forbidden\): pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "acc"$' -- kubectl -n acc get pod web --as=jane
check "forbidden list (403 text)"   '^Error from server \(Forbidden\): deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "acc"$' -- kubectl -n acc get deploy --as=jane
if [[ -n "${JANE_KUBECONFIG:-}" ]]; then
check "restricted user (own cert)"  '^Error from server \(Forbidden\): pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "acc"$' -- kubectl --kubeconfig "$JANE_KUBECONFIG" -n acc get pod web
check "restricted user can-i"       "^no$"                                     -- kubectl --kubeconfig "$JANE_KUBECONFIG" auth can-i list pods -n acc
check "restricted user whoami"      "Username +jane"                           -- kubectl --kubeconfig "$JANE_KUBECONFIG" auth whoami
fi
check "auth whoami"                 "Username +kubernetes-admin"               -- kubectl auth whoami
check "auth whoami groups"          "Groups +\[kubeadm:cluster-admins system:authenticated\]" -- kubectl auth whoami
check "create token"                "^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$" -- kubectl -n acc create token default
check "explain"                     "KIND: +Pod"                               -- kubectl explain pod.spec.containers
check "explain field"               "FIELD: +containers <\[\]Container>"     -- kubectl explain pod.spec.containers
check "get deploy wide"             "^NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR$" -- kubectl -n acc get deploy -o wide
check "get nodes columns"           "^NAME +STATUS +ROLES +AGE +VERSION$"      -- kubectl get nodes
check "get clusterroles"            "^cluster-admin +[0-9-]+T"                 -- kubectl get clusterroles cluster-admin
check "get priorityclasses"         "^system-node-critical +2000001000 +false" -- kubectl get priorityclasses
check "default service account"     "^default +0 +"                            -- kubectl -n acc get serviceaccounts

echo "kubectl acceptance: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
