// GET /v1/models and /v1/models/{id}: the catalog's enabled models in OpenAI's list format.
import { enabledModels, findModel, type CatalogModel } from "./catalog";
import { GatewayError } from "./errors";

const CREATED = 1_735_689_600; // 2025-01-01: models carry a fixed creation time

function modelObject(model: CatalogModel) {
  return { id: model.id, object: "model", created: CREATED, owned_by: model.provider };
}

/** The list body. */
export async function listModelsBody(): Promise<string> {
  return JSON.stringify({ object: "list", data: (await enabledModels()).map(modelObject) });
}

/** One model's body; 404 when it is not an enabled catalog model. */
export async function oneModelBody(id: string): Promise<string> {
  const model = await findModel(id);
  if (!model) throw new GatewayError("model_not_found", `The model '${id}' does not exist. GET /v1/models lists the available models.`, "model");
  return JSON.stringify(modelObject(model));
}
