-- AlterTable
ALTER TABLE "AuthorityReport" ADD COLUMN     "bundleId" UUID;

-- CreateTable
CREATE TABLE "BreachBundle" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachBundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreachBundleMember" (
    "bundleId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "addedById" UUID,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachBundleMember_pkey" PRIMARY KEY ("bundleId","incidentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BreachBundleMember_incidentId_key" ON "BreachBundleMember"("incidentId");

-- AddForeignKey
ALTER TABLE "BreachBundleMember" ADD CONSTRAINT "BreachBundleMember_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "BreachBundle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
