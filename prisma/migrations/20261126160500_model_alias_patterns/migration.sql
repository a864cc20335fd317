-- Alias patterns (an alias ending in * matches every name it starts), so the Claude names that came
-- out after the catalog's list still reach Claude Code's models: claude-* → deepseek-chat, the haiku
-- names → qwen-turbo. Added where the model exists and no model has the pattern yet (a new install
-- gets the same from the seed, lib/gateway/catalog.ts).
UPDATE "Model" SET "aliases" = "aliases" || ARRAY['claude-*']
  WHERE id = 'deepseek-chat' AND NOT EXISTS (SELECT 1 FROM "Model" WHERE 'claude-*' = ANY("aliases"));
UPDATE "Model" SET "aliases" = "aliases" || ARRAY['claude-haiku-*', 'claude-3-5-haiku-*', 'claude-3-haiku-*']
  WHERE id = 'qwen-turbo' AND NOT EXISTS (SELECT 1 FROM "Model" WHERE 'claude-haiku-*' = ANY("aliases"));
