{{/* Base name of every object of this release. */}}
{{- define "parley.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 50 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{/* Kubernetes name of a service key: pushRelay -> push-relay. */}}
{{- define "parley.serviceName" -}}
{{- if eq . "pushRelay" -}}push-relay{{- else if eq . "chat" -}}chat-gateway{{- else if eq . "directory" -}}directory-service{{- else if eq . "media" -}}media-service{{- else if eq . "safe" -}}safe-service{{- else if eq . "mediator" -}}mediator-service{{- else -}}{{ . }}{{- end -}}
{{- end -}}

{{- define "parley.labels" -}}
app.kubernetes.io/part-of: parley
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "parley.selectorLabels" . }}
{{- end -}}

{{- define "parley.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley.serviceName" .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "parley.image" -}}
{{ .root.Values.global.imageRegistry }}/parley-{{ include "parley.serviceName" .name }}:{{ default .root.Chart.AppVersion .root.Values.global.imageTag }}
{{- end -}}

{{/* Services that keep state in PostgreSQL and Redis. */}}
{{- define "parley.usesStorage" -}}
{{- if ne .name "pushRelay" -}}true{{- end -}}
{{- end -}}
