{{/*
Names and labels shared by every resource of the chart, computed as the
OpenShell chart computes them, so a release keeps its resource names.
*/}}

{{/* The chart's name: nameOverride, else the chart's own, at most 63 characters. */}}
{{- define "openshell.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
The resources' name: fullnameOverride; else the release name when it already
holds the chart's name; else "<release>-<name>". At most 63 characters.
*/}}
{{- define "openshell.fullname" -}}
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
{{- end }}

{{/* Labels every resource carries. */}}
{{- define "openshell.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "openshell.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The Secret with the CA that signed the server certificate: cert-manager's CA
Secret, else the certificate Job's CA as published for mTLS, else the server
TLS Secret (whose ca.crt the Job also writes).
*/}}
{{- define "openshell.serverCaSecret" -}}
{{- if .Values.certManager.enabled -}}
{{- .Values.certManager.caSecretName -}}
{{- else -}}
{{- .Values.server.tls.clientCaSecretName | default .Values.server.tls.certSecretName -}}
{{- end -}}
{{- end }}

{{/* Labels that select the OpenShell server's pods. */}}
{{- define "openshell.selectorLabels" -}}
app.kubernetes.io/name: {{ include "openshell.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The names every server certificate covers, whoever issues it (a YAML list). */}}
{{- define "openshell.defaultServerDnsNames" -}}
{{- $name := include "openshell.fullname" . -}}
{{- list $name (printf "%s.%s.svc" $name .Release.Namespace) (printf "%s.%s.svc.cluster.local" $name .Release.Namespace) "localhost" (printf "%s.localhost" $name) (printf "*.%s.localhost" $name) "host.docker.internal" "host.containers.internal" | toYaml -}}
{{- end }}
