-- CreateTable
CREATE TABLE "StreamProgress" (
    "requestId" TEXT NOT NULL,
    "settlement" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreamProgress_pkey" PRIMARY KEY ("requestId")
);
