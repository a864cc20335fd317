-- CreateEnum
CREATE TYPE "SpendPeriod" AS ENUM ('DAY', 'MONTH', 'TOTAL');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedIps" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "allowedModels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "held" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spendLimit" BIGINT,
ADD COLUMN     "spendPeriod" "SpendPeriod",
ADD COLUMN     "spent" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spentSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "apiKeyId" TEXT;
