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
app.kubernetes.io/part-of: {{ .Values.partOf | default (include "advisor.name" .) }}
{{- end }}

{{/*
The Secrets the app reads, by name, with their keys: the same interface in managed and in-cluster modes.
Returns YAML: a list of {id, name, keys}.
*/}}
{{- define "advisor.appSecrets" -}}
- id: db
  name: {{ include "advisor.dbSecretName" . }}
  keys: [uri, username, password]
{{- range .Values.objectStorage.secrets }}
- id: {{ .id }}
  name: {{ include "advisor.fullname" $ }}-{{ .id }}
  keys: {{ toJson .keys }}
{{- end }}
{{- if eq .Values.postgres.mode "in-cluster" }}
- id: backup-s3
  name: {{ include "advisor.fullname" . }}-backup-s3
  keys: [ACCESS_KEY_ID, ACCESS_SECRET_KEY]
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
  annotations:
    {{- include "advisor.annotations" . | nindent 4 }}
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
A new Cluster bootstrapped from the backups of <app>-db; it archives nowhere until promoted.
Call with (dict "root" $ "name" ... "instances" N "targetTime" "" "component" ...).
*/}}
{{- define "advisor.recoveryCluster" -}}
{{- $root := .root }}
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  {{- include "advisor.metadata" (dict "root" $root "name" .name "component" .component) | nindent 2 }}
spec:
  instances: {{ .instances }}
  {{- include "advisor.cnpgCommon" $root | nindent 2 }}
  bootstrap:
    recovery:
      source: origin
      database: app
      owner: app
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
      kubernetes.io/metadata.name: {{ .Values.networkPolicy.controllerNamespace }}
{{- range .Values.networkPolicy.controllerCidrs }}
- ipBlock:
    cidr: {{ . }}
{{- end }}
{{- end }}
