"use server";
// Server action of the models page: edit one model, in force from the next request everywhere.
import { z } from "zod";
import { UserError } from "@/lib/actions/errors";
import { operatorAction } from "@/lib/admin-console/action";
import { AliasError, parsePrice, PriceError, updateModel, UnknownModelError } from "@/lib/admin-console/models";
import { operatorActor } from "@/lib/admin-console/operator";

const whole = (name: string) => z.coerce.number({ message: `${name} must be a number.` }).int(`${name} must be a whole number.`).min(1, `${name} must be at least 1.`);

function price(text: string, field: string): bigint {
  try {
    return parsePrice(text);
  } catch (err) {
    if (err instanceof PriceError) throw new UserError(err.message, field);
    throw err;
  }
}

// Save a model's prices, limits, upstream, aliases and availability.
export const updateModelAction = operatorAction(
  z.object({
    id: z.string().min(1),
    inputPrice: z.string().trim(),
    outputPrice: z.string().trim(),
    cachedPrice: z.string().trim(),
    contextWindow: whole("Context window"),
    maxOutputTokens: whole("Output limit"),
    upstreamModel: z.string().trim().min(1, "Name the upstream model.").max(200),
    enabled: z.enum(["true", "false"]),
    aliases: z.string().trim().max(2000).default(""),
  }),
  async (input, operator): Promise<string> => {
    try {
      const { after } = await updateModel(operatorActor(operator), input.id, {
        inputPrice: price(input.inputPrice, "inputPrice"),
        outputPrice: price(input.outputPrice, "outputPrice"),
        cachedInputPrice: input.cachedPrice === "" ? null : price(input.cachedPrice, "cachedPrice"),
        contextWindow: input.contextWindow,
        maxOutputTokens: input.maxOutputTokens,
        upstreamModel: input.upstreamModel,
        enabled: input.enabled === "true",
        aliases: input.aliases.split(",").map((a) => a.trim()).filter(Boolean),
      });
      const changed = Object.keys(after);
      return changed.length ? `Saved (${changed.join(", ")}); in force from the next request.` : "Nothing changed.";
    } catch (err) {
      if (err instanceof UnknownModelError) throw new UserError(err.message, undefined, 404);
      if (err instanceof AliasError) throw new UserError(err.message, "aliases");
      throw err;
    }
  },
);
