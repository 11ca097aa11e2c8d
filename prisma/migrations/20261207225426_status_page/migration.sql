-- CreateTable
CREATE TABLE "StatusService" (
    "id" UUID NOT NULL,
    "names" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusIncident" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "titles" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusUpdate" (
    "id" UUID NOT NULL,
    "statusIncidentId" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "texts" JSONB NOT NULL,
    "serviceIds" UUID[],
    "organizationIds" UUID[],
    "public" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSubscriber" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "serviceIds" UUID[],
    "organizationIds" UUID[],
    "source" TEXT NOT NULL,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMP(3),
    "pending" JSONB,
    "confirmedAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusIncident_incidentId_key" ON "StatusIncident"("incidentId");

-- CreateIndex
CREATE INDEX "StatusUpdate_publishedAt_idx" ON "StatusUpdate"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_email_key" ON "StatusSubscriber"("email");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_confirmTokenHash_key" ON "StatusSubscriber"("confirmTokenHash");

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_statusIncidentId_fkey" FOREIGN KEY ("statusIncidentId") REFERENCES "StatusIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
