// Names shared by the key forms (client components) and their parser (controls.ts), with no server imports.

/** Form fields named `model.<id>` are the model checkboxes. */
export const MODEL_FIELD = "model.";
