// Validates every document of the given YAML files against its Kubernetes / Knative schema (npm kubernetes-models,
// @kubernetes-models/knative). Prints "ok <file> <kind>/<name>" or "invalid <file> <kind>/<name>: <errors>" per
// document; exits 1 when any document is invalid or of a kind it has no schema for.
import * as yaml from "js-yaml";
import fs from "node:fs";

const MODELS = {
  "v1": (kind) => `kubernetes-models/v1/${kind}`,
  "apps/v1": (kind) => `kubernetes-models/apps/v1/${kind}`,
  "batch/v1": (kind) => `kubernetes-models/batch/v1/${kind}`,
  "networking.k8s.io/v1": (kind) => `kubernetes-models/networking.k8s.io/v1/${kind}`,
  "rbac.authorization.k8s.io/v1": (kind) => `kubernetes-models/rbac.authorization.k8s.io/v1/${kind}`,
  "serving.knative.dev/v1": (kind) => `@kubernetes-models/knative/serving.knative.dev/v1/${kind}`,
  "monitoring.coreos.com/v1": (kind) => `@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`,
};

let failed = false;
for (const file of process.argv.slice(2)) {
  const docs = yaml.loadAll(fs.readFileSync(file, "utf8")).filter((d) => d != null);
  if (docs.length === 0) {
    console.log(`invalid ${file}: no documents`);
    failed = true;
  }
  for (const doc of docs) {
    const name = `${doc.kind}/${doc.metadata?.name}`;
    const module = MODELS[doc.apiVersion];
    if (!module) {
      console.log(`invalid ${file} ${name}: no schema for apiVersion ${doc.apiVersion}`);
      failed = true;
      continue;
    }
    try {
      const Model = (await import(module(doc.kind)))[doc.kind];
      new Model(doc).validate();
      console.log(`ok ${file} ${name}`);
    } catch (e) {
      console.log(`invalid ${file} ${name}: ${e.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
