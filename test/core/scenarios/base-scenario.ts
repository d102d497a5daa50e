// SPDX-License-Identifier: Apache-2.0
// A small valid scenario, as text, that the schema tests mutate one line at a time.

export const BASE_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: docker.io/library/nginx:1.27.5
      readinessProbe:
        httpGet: { path: /, port: 80 }
        periodSeconds: 5
`;

export const BASE_SCENARIO = `apiVersion: podlab.dev/v1alpha1
kind: Scenario
metadata:
  id: demo
spec:
  title: { en: Demo, zh: 演示 }
  summary: { en: A demo, zh: 演示 }
  explanation: { en: Why it happens, zh: 为什么 }
  source: { note: 001_9ae14472436263dd.txt, section: "3.11.5" }
  concepts: [readiness]
  subject: web
  manifests: [web.yaml]
  params:
    period: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", default: 10 }
  steps:
    - id: create
      apply: web.yaml
    - waitFor: { condition: Ready, status: "True" }
      timeoutSeconds: 60
    - sleep: 2
  expectations:
    - id: ready
      explain: { en: Ready soon, zh: 很快就绪 }
      becomes: { condition: Ready, status: "True" }
      within:
        predict: readinessReady
        anchor: { containerStarted: { container: web } }
        args: { initialDelaySeconds: 0, periodSeconds: period, appReadyAfter: 0 }
    - id: no-restarts
      explain: { en: Never restarted, zh: 不重启 }
      count: { restarts: { container: web } }
      max: 0
  hints:
    - { en: Look at READY, zh: 看 READY 列 }
  timeoutSeconds: 120
`;
