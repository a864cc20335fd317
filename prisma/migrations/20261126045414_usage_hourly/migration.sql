-- CreateTable
CREATE TABLE "UsageHourly" (
    "hour" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "cost" BIGINT NOT NULL,

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("hour","model","channel")
);

-- CreateTable
CREATE TABLE "UsageHourlyLatency" (
    "hour" TIMESTAMP(3) NOT NULL,
    "counts" INTEGER[],

    CONSTRAINT "UsageHourlyLatency_pkey" PRIMARY KEY ("hour")
);

-- CreateTable
CREATE TABLE "UsageAccountWindow" (
    "window" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "cost" BIGINT NOT NULL,

    CONSTRAINT "UsageAccountWindow_pkey" PRIMARY KEY ("window","userId")
);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "through" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("id")
);
