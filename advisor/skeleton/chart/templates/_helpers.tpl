{{/*
Names are truncated to 63 characters: Kubernetes labels and many names are DNS-1123 labels.
*/}}
{{- define "advisor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's base name. Installed as release "<app>" (the skeleton's README.md), it equals the app name, so the
objects carry the same names as the Kustomize tree: Deployment <app>, Secret <app>-db, and so on.
*/}}
{{- define "advisor.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "advisor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels never change between environments: a Deployment's selector is immutable.
*/}}
{{- define "advisor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "advisor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Common labels; callers add app.kubernetes.io/component themselves.
*/}}
{{- define "advisor.labels" -}}
helm.sh/chart: {{ include "advisor.chart" . }}
{{ include "advisor.selectorLabels" . }}
app.kubernetes.io/part-of: {{ .Values.partOf | default (include "advisor.name" .) }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.environment }}
advisor.dev/environment: {{ . }}
{{- end }}
{{- end }}

{{/*
Every object names the ADR it implements (values.yaml holds it once, so a new ADR changes one file).
*/}}
{{- define "advisor.annotations" -}}
advisor.dev/adr: {{ .Values.advisor.adr | quote }}
{{- end }}

{{/*
metadata for an object: name, namespace, labels with a component, annotations.
Call with (dict "root" $ "name" "x" "component" "y").
*/}}
{{- define "advisor.metadata" -}}
name: {{ .name }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "advisor.labels" .root | nindent 2 }}
  app.kubernetes.io/component: {{ .component }}
annotations:
  {{- include "advisor.annotations" .root | nindent 2 }}
  {{- range $key, $value := .annotations }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
{{- end }}

{{- define "advisor.serviceAccountName" -}}
{{- default (include "advisor.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/*
External Secrets' own ServiceAccount: the SecretStore's provider block names it (secrets.externalSecrets.provider).
*/}}
{{- define "advisor.secretReaderName" -}}
{{- default (printf "%s-secret-reader" (include "advisor.fullname" .)) .Values.secrets.externalSecrets.serviceAccount.name }}
{{- end }}

{{- define "advisor.dbSecretName" -}}
{{- printf "%s-db" (include "advisor.fullname" .) }}
{{- end }}

{{- define "advisor.s3SecretName" -}}
{{- printf "%s-s3" (include "advisor.fullname" .) }}
{{- end }}

{{- define "advisor.dbClusterName" -}}
{{- printf "%s-db" (include "advisor.fullname" .) }}
{{- end }}

{{- define "advisor.minioName" -}}
{{- printf "%s-minio" (include "advisor.fullname" .) }}
{{- end }}

{{/*
Pod-level hardening (Pod Security Standards "restricted"); not a value, so it cannot be loosened by accident.
*/}}
{{- define "advisor.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "advisor.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/*
An image reference; refuses `latest` and empty tags at render time (the schema refuses them too).
*/}}
{{- define "advisor.image" -}}
{{- if or (not .tag) (eq (toString .tag) "latest") }}
{{- fail (printf "image %s needs a pinned tag, not %q" .repository (toString .tag)) }}
{{- end }}
{{- printf "%s:%s" .repository (toString .tag) }}
{{- end }}

{{/*
MinIO's own selector: distinct from the app's, so the app Service never selects MinIO pods.
*/}}
{{/*
A third-party image, moved to .Values.imageRegistry when one is set (an air-gapped site's mirror). Docker's rule
decides whether the first path component is a registry host: it has a "." or ":" or is "localhost".
Call with (dict "root" $ "image" .Values.x.image).
*/}}
{{- define "advisor.thirdPartyImage" -}}
{{- $repository := .image.repository }}
{{- with .root.Values.imageRegistry }}
{{- $parts := splitn "/" 2 $repository }}
{{- if not $parts._1 }}
{{- $repository = printf "%s/library/%s" . $repository }}
{{- else if or (contains "." $parts._0) (contains ":" $parts._0) (eq $parts._0 "localhost") }}
{{- $repository = printf "%s/%s" . $parts._1 }}
{{- else }}
{{- $repository = printf "%s/%s" . $repository }}
{{- end }}
{{- end }}
{{- include "advisor.image" (dict "repository" $repository "tag" .image.tag) }}
{{- end }}

{{/*
The environment label on pod templates and claim templates, as each Kustomize overlay's `labels:` puts it there.
*/}}
{{- define "advisor.environmentLabel" -}}
{{- with .Values.environment }}
advisor.dev/environment: {{ . }}
{{- end }}
{{- end }}

{{- define "advisor.minioSelectorLabels" -}}
app.kubernetes.io/name: minio
app.kubernetes.io/instance: {{ include "advisor.minioName" . }}
{{- end }}

{{/*
Pod Security Standards "restricted" on the namespace (also printed by NOTES.txt for `kubectl label`).
*/}}
{{- define "advisor.namespaceLabels" -}}
pod-security.kubernetes.io/enforce: restricted
pod-security.kubernetes.io/enforce-version: latest
pod-security.kubernetes.io/audit: restricted
pod-security.kubernetes.io/warn: restricted
{{- end }}

{{/*
The Secrets the app reads, by name, with their keys: the same interface in managed and in-cluster modes.
Returns YAML: a list of {id, name, keys}.
*/}}
{{- define "advisor.appSecrets" -}}
- id: db
  name: {{ include "advisor.dbSecretName" . }}
  keys: [uri, username, password]
  # CloudNativePG reads the owner's credentials from it only as a basic-auth Secret
  type: {{ if eq .Values.postgres.mode "in-cluster" }}kubernetes.io/basic-auth{{ else }}Opaque{{ end }}
{{- range .Values.objectStorage.secrets }}
- id: {{ .id }}
  name: {{ include "advisor.fullname" $ }}-{{ .id }}
  keys: {{ toJson .keys }}
{{- end }}
{{- if eq .Values.postgres.mode "in-cluster" }}
- id: backup-s3
  name: {{ include "advisor.fullname" . }}-backup-s3
  keys: [ACCESS_KEY_ID, ACCESS_SECRET_KEY{{ if .Values.postgres.backup.regionFromSecret }}, REGION{{ end }}]
{{- end }}
{{- if eq .Values.objectStorage.mode "in-cluster" }}
- id: minio-root
  name: {{ include "advisor.fullname" . }}-minio-root
  keys: [root-user, root-password]
{{- end }}
{{- if .Values.observability.logging.tokenSecret }}
- id: log-platform
  name: {{ include "advisor.fullname" . }}-log-platform
  keys: [hec-token]
{{- end }}
{{- end }}

{{/*
Cluster settings shared by the main and the recovery cluster.
*/}}
{{- define "advisor.cnpgCommon" -}}
# production spreads its instances over nodes as a requirement
affinity:
  enablePodAntiAffinity: true
  topologyKey: kubernetes.io/hostname
  podAntiAffinityType: {{ .Values.postgres.podAntiAffinityType }}
imageName: {{ include "advisor.thirdPartyImage" (dict "root" . "image" .Values.postgres.image) }}
primaryUpdateStrategy: unsupervised
enableSuperuserAccess: false
storage:
  size: {{ .Values.postgres.storage.size }}
  {{- with .Values.postgres.storage.storageClass }}
  storageClass: {{ . }}
  {{- end }}
resources:
  {{- toYaml .Values.postgres.resources | nindent 2 }}
postgresql:
  parameters:
    # at most the RPO: a WAL segment is closed and archived at least this often
    archive_timeout: {{ .Values.postgres.backup.archiveTimeout | quote }}
inheritedMetadata:
  labels:
    app.kubernetes.io/part-of: {{ .Values.partOf | default (include "advisor.name" .) }}
    app.kubernetes.io/component: database
{{- end }}

{{- define "advisor.minioJobSelectorLabels" -}}
app.kubernetes.io/name: minio-buckets
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "advisor.dnsEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/*
A new Cluster bootstrapped from the backups of <app>-db, which keeps running beside it. With "archives" it archives
WAL and base backups under its own name (the plugin refuses a folder that already holds WAL); with "keepCredentials"
the owner keeps the password in <app>-db (bootstrap.recovery.secret), so the app reconnects by changing its host.
Call with (dict "root" $ "name" ... "instances" N "targetTime" "" "component" ... "archives" bool "keepCredentials" bool).
*/}}
{{- define "advisor.recoveryCluster" -}}
{{- $root := .root }}
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  {{- include "advisor.metadata" (dict "root" $root "name" .name "component" .component) | nindent 2 }}
spec:
  instances: {{ .instances }}
  # one instance gets no PodDisruptionBudget: CloudNativePG's, on the primary, would block every node drain
  enablePDB: {{ gt (int .instances) 1 }}
  {{- include "advisor.cnpgCommon" $root | nindent 2 }}
  {{- if .archives }}
  plugins:
    - name: barman-cloud.cloudnative-pg.io
      isWALArchiver: true
      parameters:
        barmanObjectName: {{ include "advisor.fullname" $root }}-backups
        serverName: {{ .name }}
  {{- end }}
  bootstrap:
    recovery:
      source: origin
      database: app
      owner: app
      {{- if .keepCredentials }}
      secret:
        name: {{ include "advisor.dbSecretName" $root }}
      {{- end }}
      {{- with .targetTime }}
      recoveryTarget:
        targetTime: {{ . | quote }}
      {{- end }}
  externalClusters:
    - name: origin
      plugin:
        name: barman-cloud.cloudnative-pg.io
        parameters:
          barmanObjectName: {{ include "advisor.fullname" $root }}-backups
          serverName: {{ include "advisor.dbClusterName" $root }}
{{- end }}

{{/*
A ScheduledBackup of one cluster. Call with (dict "root" $ "cluster" name).
*/}}
{{- define "advisor.scheduledBackup" -}}
apiVersion: postgresql.cnpg.io/v1
kind: ScheduledBackup
metadata:
  {{- include "advisor.metadata" (dict "root" .root "name" (printf "%s-base-backup" .cluster) "component" "database") | nindent 2 }}
spec:
  # Six fields, seconds first.
  schedule: {{ .root.Values.postgres.backup.schedule | quote }}
  backupOwnerReference: self
  immediate: true
  method: plugin
  pluginConfiguration:
    name: barman-cloud.cloudnative-pg.io
  cluster:
    name: {{ .cluster }}
{{- end }}

{{/*
The NetworkPolicy of one CloudNativePG cluster: its clients and the operator in, the instances with each other; out to
DNS, the API server's addresses and the backup store, and nowhere else.
Call with (dict "root" $ "cluster" name "clients" (dict of pod labels) "component" ...).
*/}}
{{- define "advisor.dbPolicy" -}}
{{- $np := .root.Values.networkPolicy }}
{{- $backup := .root.Values.postgres.backup }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "advisor.metadata" (dict "root" .root "name" .cluster "component" .component) | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      cnpg.io/cluster: {{ .cluster }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- toYaml .clients | nindent 14 }}
        - podSelector:
            matchLabels:
              cnpg.io/cluster: {{ .cluster }}
      ports:
        - port: 5432
          protocol: TCP
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $np.cnpgNamespace | quote }}
      ports:
        - port: 8000
          protocol: TCP
        - port: 5432
          protocol: TCP
  egress:
    {{- include "advisor.dnsEgress" .root | nindent 4 }}
    - to:
        - podSelector:
            matchLabels:
              cnpg.io/cluster: {{ .cluster }}
      ports:
        - port: 5432
          protocol: TCP
    # the Kubernetes API server, at its own addresses only
    - to:
        {{- range $np.apiServerCidrs }}
        - ipBlock:
            cidr: {{ . }}
        {{- end }}
      ports:
        - port: 443
          protocol: TCP
        - port: 6443
          protocol: TCP
    {{- if $backup.storeInCluster }}
    # backups in the cluster's own MinIO (risk accepted in the answers)
    - to:
        - podSelector:
            matchLabels:
              {{- include "advisor.minioSelectorLabels" .root | nindent 14 }}
      ports:
        - port: 9000
          protocol: TCP
    {{- else }}
    # the backup store, at its own addresses and port only
    - to:
        {{- range $backup.storeCidrs }}
        - ipBlock:
            cidr: {{ . }}
        {{- end }}
      ports:
        - port: {{ $backup.storePort }}
          protocol: TCP
    {{- end }}
{{- end }}

{{/*
The S3 gateway in front of Azure Blob Storage (objectStorage.access s3-gateway).
*/}}
{{- define "advisor.gatewayName" -}}
{{- printf "%s-s3-gateway" (include "advisor.fullname" .) }}
{{- end }}

{{- define "advisor.gatewaySelectorLabels" -}}
app.kubernetes.io/name: s3-gateway
app.kubernetes.io/instance: {{ include "advisor.gatewayName" . }}
{{- end }}

{{/*
The credentials the app reads, as YAML: a list of {name, id, key} (the variable, the Secret's suffix, the key).
*/}}
{{- define "advisor.appCredentials" -}}
- {name: DATABASE_URI, id: db, key: uri}
- {name: DATABASE_USERNAME, id: db, key: username}
- {name: DATABASE_PASSWORD, id: db, key: password}
{{- range .Values.objectStorage.appEnv }}
- {name: {{ .name }}, id: {{ .id }}, key: {{ .key }}}
{{- end }}
{{- end }}

{{/*
The Secrets (by suffix) those credentials come from, each once, as a YAML list.
*/}}
{{- define "advisor.appCredentialSecrets" -}}
{{- $ids := list "db" }}
{{- range .Values.objectStorage.appEnv }}
{{- $ids = append $ids .id }}
{{- end }}
{{- toYaml (uniq $ids) }}
{{- end }}

{{/*
Where the way in's traffic comes from: the controller's namespace, and a cloud load balancer's ranges.
*/}}
{{- define "advisor.wayInSources" -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .Values.networkPolicy.controllerNamespace | quote }}
{{- range .Values.networkPolicy.controllerCidrs }}
- ipBlock:
    cidr: {{ . }}
{{- end }}
{{- end }}

{{/*
The pod of the objects copy and of the drill's read-back: mc with the app's and the backup writer's credentials.
Call with (dict "root" $ "script" ... "restartPolicy" ... ["drill" true]).
*/}}
{{- define "advisor.copyPod" -}}
{{- $c := .root.Values.objectStorage.copy }}
restartPolicy: {{ .restartPolicy }}
serviceAccountName: {{ include "advisor.serviceAccountName" .root }}
automountServiceAccountToken: false
securityContext:
  {{- include "advisor.podSecurityContext" .root | nindent 2 }}
containers:
  - name: mc
    image: {{ include "advisor.thirdPartyImage" (dict "root" .root "image" .root.Values.objectStorage.minio.mcImage) }}
    imagePullPolicy: IfNotPresent
    command: ["sh", "-c", {{ .script | quote }}]
    env:
      {{- toYaml $c.env | nindent 6 }}
      {{- if .drill }}
      - name: RPO_MINUTES
        value: {{ .root.Values.postgres.restoreDrill.rpoMinutes | quote }}
      - name: DRILL_NAMESPACE
        valueFrom:
          fieldRef:
            fieldPath: metadata.namespace
      {{- end }}
    resources:
      {{- toYaml $c.resources | nindent 6 }}
    securityContext:
      {{- include "advisor.containerSecurityContext" .root | nindent 6 }}
    volumeMounts:
      - name: tmp
        mountPath: /tmp
      {{- if $c.storeCaSecret }}
      - name: store-ca
        mountPath: /tmp/mc/certs/CAs
        readOnly: true
      {{- end }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 16Mi
  {{- with $c.storeCaSecret }}
  - name: store-ca
    secret:
      secretName: {{ . }}
      items:
        - {key: ca.crt, path: ca.crt}
  {{- end }}
{{- end }}

{{/*
The objects copy (and the drill's read-back) may reach DNS, MinIO and the backup store's addresses, nothing else.
Call with (dict "root" $ "name" ... "pods" (dict of pod labels)).
*/}}
{{- define "advisor.copyPolicy" -}}
{{- $backup := .root.Values.postgres.backup }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "advisor.metadata" (dict "root" .root "name" .name "component" "network-policy") | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- toYaml .pods | nindent 6 }}
  policyTypes:
    - Egress
  egress:
    {{- include "advisor.dnsEgress" .root | nindent 4 }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "advisor.minioSelectorLabels" .root | nindent 14 }}
      ports:
        - port: 9000
          protocol: TCP
    - to:
        {{- range $backup.storeCidrs }}
        - ipBlock:
            cidr: {{ . }}
        {{- end }}
      ports:
        - port: {{ $backup.storePort }}
          protocol: TCP
{{- end }}
