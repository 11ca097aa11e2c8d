-- AlterTable
ALTER TABLE "Playbook" ADD COLUMN     "retiredAt" TIMESTAMP(3);
