{{/* The prefix of every object's name: the release name, or <release>-<chart> when the release name lacks it. */}}
{{- define "kubejudge.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kubejudge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object; call with (dict "root" $ "component" "operator"). */}}
{{- define "kubejudge.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "kubejudge.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* The labels a component's pods are selected by (never change: selectors are immutable). */}}
{{- define "kubejudge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubejudge.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* An image reference; call with (dict "root" $ "image" .Values.operator.image). */}}
{{- define "kubejudge.image" -}}
{{- $registry := .image.registry | default .root.Values.imageRegistry -}}
{{- $ref := printf "%s:%s" .image.repository (.image.tag | default .root.Chart.AppVersion) -}}
{{- if $registry -}}{{ printf "%s/%s" (trimSuffix "/" $registry) $ref }}{{- else -}}{{ $ref }}{{- end -}}
{{- end -}}

{{/* The namespaces the operator watches (a list), with mode namespaces. */}}
{{- define "kubejudge.watchedNamespaces" -}}
{{- $ns := .Values.operator.watch.namespaces | default (list .Values.judges.namespace) -}}
{{- toJson (uniq $ns) -}}
{{- end -}}

{{/* Pod-level securityContext meeting Pod Security Standards `restricted`; argument: the uid. */}}
{{- define "kubejudge.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level securityContext meeting Pod Security Standards `restricted`. */}}
{{- define "kubejudge.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Where Redis is: host and port, bundled or external. */}}
{{- define "kubejudge.redisHost" -}}
{{- if .Values.redis.enabled -}}
{{- printf "%s-redis.%s.svc" (include "kubejudge.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- (urlParse .Values.redis.external.url).hostname | default (regexReplaceAll ":.*$" (urlParse .Values.redis.external.url).host "") -}}
{{- end -}}
{{- end -}}

{{- define "kubejudge.redisPort" -}}
{{- if .Values.redis.enabled -}}
6379
{{- else -}}
{{- $hostPort := (urlParse .Values.redis.external.url).host -}}
{{- if contains ":" $hostPort -}}{{ regexReplaceAll "^.*:" $hostPort "" }}{{- else -}}6379{{- end -}}
{{- end -}}
{{- end -}}

{{/* The Secret and key of the Redis password; empty name: no password (external Redis without one). */}}
{{- define "kubejudge.redisSecretName" -}}
{{- if .Values.redis.enabled -}}
{{- .Values.redis.auth.existingSecret | default (printf "%s-redis" (include "kubejudge.fullname" .)) -}}
{{- else -}}
{{- .Values.redis.external.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "kubejudge.redisSecretKey" -}}
{{- if .Values.redis.enabled -}}
{{- .Values.redis.auth.existingSecretPasswordKey -}}
{{- else -}}
{{- .Values.redis.external.existingSecretPasswordKey -}}
{{- end -}}
{{- end -}}

{{/* KUBEJUDGE_REDIS_* environment variables of the operator and the API. */}}
{{- define "kubejudge.redisEnv" -}}
- name: KUBEJUDGE_REDIS_HOST
  value: {{ include "kubejudge.redisHost" . | quote }}
- name: KUBEJUDGE_REDIS_PORT
  value: {{ include "kubejudge.redisPort" . | quote }}
{{- if include "kubejudge.redisSecretName" . }}
- name: KUBEJUDGE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "kubejudge.redisSecretName" . }}
      key: {{ include "kubejudge.redisSecretKey" . }}
{{- end }}
{{- if include "kubejudge.redisTls" . }}
- name: KUBEJUDGE_REDIS_TLS_ENABLED
  value: "true"
- name: KUBEJUDGE_REDIS_TLS_VERIFY_HOSTNAME
  value: {{ .Values.redis.tls.verifyHostname | quote }}
{{- if .Values.redis.tls.caSecret }}
- name: KUBEJUDGE_REDIS_TLS_CA_FILE
  value: {{ printf "/etc/kubejudge/redis-ca/%s" .Values.redis.tls.caKey | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* "true" when the operator and the API reach Redis with TLS (redis.tls.enabled, or an external rediss:// url). */}}
{{- define "kubejudge.redisTls" -}}
{{- if or .Values.redis.tls.enabled (and (not .Values.redis.enabled) (hasPrefix "rediss://" .Values.redis.external.url)) -}}
true
{{- end -}}
{{- end -}}

{{/* The Redis CA's volume mount and volume of the operator and the API (with redis.tls.caSecret). */}}
{{- define "kubejudge.redisCaMount" -}}
{{- if and (include "kubejudge.redisTls" .) .Values.redis.tls.caSecret }}
- name: redis-ca
  mountPath: /etc/kubejudge/redis-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "kubejudge.redisCaVolume" -}}
{{- if and (include "kubejudge.redisTls" .) .Values.redis.tls.caSecret }}
- name: redis-ca
  secret:
    secretName: {{ .Values.redis.tls.caSecret }}
    items:
      - key: {{ .Values.redis.tls.caKey }}
        path: {{ .Values.redis.tls.caKey }}
{{- end }}
{{- end -}}

{{/* The bundled Redis' maxmemory in bytes: redis.maxmemoryPercent of redis.resources.limits.memory; empty without either. */}}
{{- define "kubejudge.redisMaxmemory" -}}
{{- $limit := dig "limits" "memory" "" .Values.redis.resources | toString -}}
{{- $percent := int .Values.redis.maxmemoryPercent -}}
{{- if and $limit (gt $percent 0) -}}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $limit -}}
{{- $unit := trimPrefix $number $limit -}}
{{- $units := dict "" 1.0 "k" 1000.0 "Ki" 1024.0 "M" 1000000.0 "Mi" 1048576.0 "G" 1000000000.0 "Gi" 1073741824.0 "T" 1000000000000.0 "Ti" 1099511627776.0 -}}
{{- if or (not $number) (not (hasKey $units $unit)) -}}
{{- fail (printf "redis.resources.limits.memory: %s: write it as a number with k, Ki, M, Mi, G, Gi, T or Ti (redis.maxmemoryPercent is taken of it), or set redis.maxmemoryPercent=0" $limit) -}}
{{- end -}}
{{- printf "%.0f" (divf (mulf (float64 $number) (get $units $unit) $percent) 100) -}}
{{- end -}}
{{- end -}}

{{/* Probes of the Quarkus services (operator and API) on port http. */}}
{{- define "kubejudge.quarkusProbes" -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/* Checks of value combinations the schema cannot express. */}}
{{- define "kubejudge.validate" -}}
{{- if and (not .Values.operator.leaderElection.enabled) (gt (int .Values.operator.replicas) 1) -}}
{{- fail "operator.replicas: more than 1 operator needs operator.leaderElection.enabled=true (two active operators would judge each submission twice)" -}}
{{- end -}}
{{- if and .Values.judges.createNamespace (eq .Values.judges.namespace .Release.Namespace) -}}
{{- fail "judges.createNamespace: the judges' namespace is the release namespace, which exists already; set judges.createNamespace=false (and label it pod-security.kubernetes.io/enforce=restricted)" -}}
{{- end -}}
{{- if and (eq .Values.operator.watch.mode "namespaces") (not (has .Values.judges.namespace (include "kubejudge.watchedNamespaces" . | fromJsonArray))) -}}
{{- fail (printf "operator.watch.namespaces: must include the judges' namespace %s (the default pool and the API's submissions live there)" .Values.judges.namespace) -}}
{{- end -}}
{{- if and (not .Values.redis.enabled) (not .Values.redis.external.url) -}}
{{- fail "redis.external.url: required when redis.enabled=false (redis://host:port)" -}}
{{- end -}}
{{- $key := .Values.api.jwt.publicKey -}}
{{- $given := 0 -}}
{{- if $key.existingSecret }}{{ $given = add1 $given }}{{ end -}}
{{- if $key.existingConfigMap }}{{ $given = add1 $given }}{{ end -}}
{{- if $key.pem }}{{ $given = add1 $given }}{{ end -}}
{{- if .Values.api.jwt.jwksUrl }}{{ $given = add1 $given }}{{ end -}}
{{- if gt $given 1 -}}
{{- fail "api.jwt.publicKey: set only one of existingSecret, existingConfigMap and pem, or api.jwt.jwksUrl" -}}
{{- end -}}
{{- if and .Values.redis.enabled .Values.redis.tls.enabled (not .Values.redis.tls.certificateSecret) -}}
{{- fail "redis.tls.certificateSecret: required with redis.tls.enabled and the bundled Redis (a kubernetes.io/tls Secret with tls.crt and tls.key for its Service name)" -}}
{{- end -}}
{{- if and .Values.defaultPool.enabled .Values.defaultPool.autoscaling.enabled (gt (int .Values.defaultPool.autoscaling.minReplicas) (int .Values.defaultPool.autoscaling.maxReplicas)) -}}
{{- fail "defaultPool.autoscaling.minReplicas must not exceed defaultPool.autoscaling.maxReplicas" -}}
{{- end -}}
{{- if and .Values.defaultPool.enabled (eq .Values.defaultPool.seccompProfile.type "Localhost") (not .Values.defaultPool.seccompProfile.localhostProfile) -}}
{{- fail "defaultPool.seccompProfile.localhostProfile: required with type Localhost (e.g. kubejudge/judge-runner.json)" -}}
{{- end -}}
{{- end -}}

{{- define "kubejudge.uninstallRules" -}}
# ReleaseJudges lists every JudgeSubmission and deletes them one by one (list, delete), polls
# until the operator has let them go (list), then removes a KubeJudge finalizer still on one
# (update with the resourceVersion read; get after a conflict).
- apiGroups: ["kubejudge.io"]
  resources: ["judgesubmissions"]
  verbs: ["get", "list", "delete", "update"]
# ... and the kubejudge.io/result finalizer still on a judge pod: listed by the judge labels,
# written back without it by PodFinalizer (update; get after a conflict).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "update"]
{{- end }}

{{- define "kubejudge.operatorRules" -}}
# JudgeSubmissionReconciler: informer (list, watch), conflict retries (get), JOSDK's finalizer
# added and removed by JSON patch (patch), deletion at the end of retention (delete);
# KubernetesApiHealthCheck lists them.
- apiGroups: ["kubejudge.io"]
  resources: ["judgesubmissions"]
  verbs: ["get", "list", "watch", "patch", "delete"]
# Status of submissions (SubmissionStatusRecorder), problems (JudgeProblemReconciler) and pools
# (JudgeNodePoolReconciler), always written as a JSON patch.
- apiGroups: ["kubejudge.io"]
  resources: ["judgesubmissions/status", "judgeproblems/status", "judgenodepools/status"]
  verbs: ["patch"]
# The problems and pools reconcilers' own informers, and the submissions' secondary sources
# (read from the informers' caches only: no get).
- apiGroups: ["kubejudge.io"]
  resources: ["judgeproblems", "judgenodepools"]
  verbs: ["list", "watch"]
# JudgeJobs: a judging's Job (create); read right after creating it (get); the submission's Job
# informer (list, watch); deleted one by one (delete) or all of a submission by label
# (deletecollection).
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "delete", "deletecollection"]
# Judge pods: the submission's pod informer (list, watch), JudgeJobs.podsOf (list), PodFinalizer
# removing the kubejudge.io/result finalizer (get, update), a cancelled judging's pods deleted
# by label (deletecollection).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "update", "deletecollection"]
# RunProgressFollower and ResultAssembler read the run and check containers' logs.
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
# JudgeJobs makes each judging's source ConfigMap (create); JudgeProblemReconciler watches the
# problems' data ConfigMaps (list, watch) and ProblemDataIndex reads one (get).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create"]
# KubernetesEventEmitter: one core/v1 Event per phase transition of a submission.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
# JudgeNodePoolReconciler's dependents (pool/Pool*DependentResource) keep each pool's ResourceQuota:
# read from an informer (list, watch), made, put back when changed (never deleted: the pool owns
# it, the garbage collector removes it with the pool).
- apiGroups: [""]
  resources: ["resourcequotas"]
  verbs: ["list", "watch", "create", "update"]
# ... the pool's NetworkPolicy, the same way.
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "update"]
# ... and its autoscaling/v2 HPA, deleted once when the pool's autoscaling goes (AutoscalingEnabled).
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "update", "delete"]
{{- end }}
