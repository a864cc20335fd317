-- CreateTable
CREATE TABLE "AccountBilling" (
    "userId" TEXT NOT NULL,
    "lowBalanceThreshold" BIGINT NOT NULL DEFAULT 1000000000,
    "alertLevel" INTEGER NOT NULL DEFAULT 0,
    "autoTopupEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoTopupBelow" BIGINT,
    "autoTopupAmount" BIGINT,
    "autoTopupPaymentMethod" TEXT,
    "autoTopupArmed" BOOLEAN NOT NULL DEFAULT true,
    "autoTopupSeq" INTEGER NOT NULL DEFAULT 0,
    "billingName" TEXT,
    "billingAddress" JSONB,
    "billingTaxId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountBilling_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "PaymentReceipt" (
    "paymentIntentId" TEXT NOT NULL,
    "userId" TEXT,
    "ledgerReference" TEXT,
    "receiptUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentReceipt_pkey" PRIMARY KEY ("paymentIntentId")
);

-- CreateTable
CREATE TABLE "SubscriptionInvoice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "hostedInvoiceUrl" TEXT,
    "paidAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriptionInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentReceipt_ledgerReference_key" ON "PaymentReceipt"("ledgerReference");

-- CreateIndex
CREATE INDEX "SubscriptionInvoice_userId_paidAt_idx" ON "SubscriptionInvoice"("userId", "paidAt");

-- AddForeignKey
ALTER TABLE "AccountBilling" ADD CONSTRAINT "AccountBilling_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
