-- CreateTable
CREATE TABLE "CreditLease" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreditLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreditLease_userId_idx" ON "CreditLease"("userId");

-- CreateIndex
CREATE INDEX "CreditLease_expiresAt_idx" ON "CreditLease"("expiresAt");

-- AddForeignKey
ALTER TABLE "CreditLease" ADD CONSTRAINT "CreditLease_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A lease can never be spent below zero: a statement that would is refused whole (not in schema.prisma).
ALTER TABLE "CreditLease" ADD CONSTRAINT "CreditLease_amount_nonnegative" CHECK ("amount" >= 0);
