-- AlterTable
ALTER TABLE "UsageLog" ADD COLUMN     "api" TEXT NOT NULL DEFAULT 'chat',
ADD COLUMN     "channel" TEXT,
ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "httpStatus" INTEGER NOT NULL DEFAULT 200,
ADD COLUMN     "reasoningTokens" INTEGER NOT NULL DEFAULT 0;
