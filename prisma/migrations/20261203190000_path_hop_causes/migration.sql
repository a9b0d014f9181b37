-- AlterTable
ALTER TABLE "EscalationPath" ADD COLUMN "hopCausesJson" TEXT;
