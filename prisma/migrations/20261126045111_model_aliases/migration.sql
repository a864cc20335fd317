-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Claude Code's default model names, on installs whose catalog was seeded before aliases existed
-- (a new install gets the same from the seed, lib/gateway/catalog.ts).
UPDATE "Model" SET "aliases" = ARRAY['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-0', 'claude-sonnet-4-20250514', 'claude-opus-4-1', 'claude-opus-4-1-20250805', 'claude-opus-4-0', 'claude-opus-4-20250514', 'claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219']
  WHERE id = 'deepseek-chat' AND "aliases" = ARRAY[]::TEXT[];
UPDATE "Model" SET "aliases" = ARRAY['claude-haiku-4-5', 'claude-haiku-4-5-20251001', 'claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022']
  WHERE id = 'qwen-turbo' AND "aliases" = ARRAY[]::TEXT[];
