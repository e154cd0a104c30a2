-- A log of visit events per tenant, partitioned by tenant (PostgreSQL declarative partitioning, which
-- JSqlParser cannot read): a default partition, and one for the first tenant created by a DO block.
CREATE TABLE jc_visit_log (
    tenant_id VARCHAR(64) NOT NULL,
    visit_id  BIGINT NOT NULL,
    note      VARCHAR(200) NOT NULL
) PARTITION BY LIST (tenant_id);

CREATE TABLE jc_visit_log_default PARTITION OF jc_visit_log DEFAULT;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'jc_visit_log_acme') THEN
        EXECUTE 'CREATE TABLE jc_visit_log_acme PARTITION OF jc_visit_log FOR VALUES IN (''acme'')';
    END IF;
END
$$;

COMMENT ON TABLE jc_visit_log IS 'visit events, one partition per large tenant';
