ALTER TABLE "consent_personal_data" DROP CONSTRAINT "consent_personal_data_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_tenant_id_tenants_id_fk";
