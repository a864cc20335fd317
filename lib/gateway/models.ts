// GET /v1/models and /v1/models/{id}: the catalog's enabled models in OpenAI's list format,
// those a key may call (all, unless its owner listed some).
import type { KeyIdentity } from "../keys/lookup";
import { enabledModels, findModel, type CatalogModel } from "./catalog";
import { GatewayError } from "./errors";
import { checkKeyModel } from "./key-controls";

const CREATED = 1_735_689_600; // 2025-01-01: models carry a fixed creation time

function modelObject(model: CatalogModel) {
  return { id: model.id, object: "model", created: CREATED, owned_by: model.provider };
}

/** The list body: the models the key may call. */
export async function listModelsBody(identity: KeyIdentity): Promise<string> {
  const allowed = identity.controls.allowedModels;
  const models = (await enabledModels()).filter((m) => !allowed || allowed.has(m.id));
  return JSON.stringify({ object: "list", data: models.map(modelObject) });
}

/** One model's body; 404 when it is not an enabled catalog model, 403 when the key may not call it. */
export async function oneModelBody(id: string, identity: KeyIdentity): Promise<string> {
  const model = await findModel(id);
  if (!model) throw new GatewayError("model_not_found", `The model '${id}' does not exist. GET /v1/models lists the available models.`, "model");
  checkKeyModel(identity, model.id);
  return JSON.stringify(modelObject(model));
}
