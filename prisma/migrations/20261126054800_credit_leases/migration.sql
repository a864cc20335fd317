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

-- A lease can never be spent below zero: a statement that would is refused whole. A trigger rather
-- than a CHECK constraint, which Prisma's schema engine cannot diff. (\073 is the semicolon, written
-- as an escape: the migration runner splits statements at every literal one.)
CREATE FUNCTION "credit_lease_nonnegative"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF NEW.amount < 0 THEN RAISE EXCEPTION ''CreditLease % would go below zero (%)'', NEW.id, NEW.amount\073 END IF\073 RETURN NEW\073 END';

CREATE TRIGGER "CreditLease_nonnegative" BEFORE INSERT OR UPDATE OF amount ON "CreditLease"
  FOR EACH ROW EXECUTE FUNCTION "credit_lease_nonnegative"();
