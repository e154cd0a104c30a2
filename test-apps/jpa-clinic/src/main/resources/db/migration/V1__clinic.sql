-- Owners with their pets, the pets' visits and tags: tenant-owned, each row carries tenant_id.
-- Species are shared by every tenant (no tenant_id); jc_pet_tags is the pets<->tags join table.
CREATE TABLE jc_species (
    id   BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);
INSERT INTO jc_species (id, name) VALUES (1, 'dog'), (2, 'cat'), (3, 'rabbit');

CREATE SEQUENCE jc_owners_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE jc_pets_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE jc_visits_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE jc_tags_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE jc_owners (
    id        BIGINT PRIMARY KEY,
    tenant_id VARCHAR(64) NOT NULL,
    name      VARCHAR(200) NOT NULL,
    street    VARCHAR(200),
    city      VARCHAR(100),
    version   BIGINT NOT NULL
);
CREATE INDEX jc_owners_tenant ON jc_owners (tenant_id, name);

CREATE TABLE jc_pets (
    id         BIGINT PRIMARY KEY,
    tenant_id  VARCHAR(64) NOT NULL,
    name       VARCHAR(100) NOT NULL,
    owner_id   BIGINT NOT NULL REFERENCES jc_owners (id),
    species_id BIGINT REFERENCES jc_species (id),
    version    BIGINT NOT NULL
);
CREATE INDEX jc_pets_owner ON jc_pets (owner_id);

CREATE TABLE jc_tags (
    id        BIGINT PRIMARY KEY,
    tenant_id VARCHAR(64) NOT NULL,
    label     VARCHAR(50) NOT NULL
);

CREATE TABLE jc_pet_tags (
    pet_id BIGINT NOT NULL REFERENCES jc_pets (id),
    tag_id BIGINT NOT NULL REFERENCES jc_tags (id),
    PRIMARY KEY (pet_id, tag_id)
);

CREATE TABLE jc_visits (
    id         BIGINT PRIMARY KEY,
    tenant_id  VARCHAR(64) NOT NULL,
    pet_id     BIGINT NOT NULL REFERENCES jc_pets (id),
    reason     VARCHAR(200) NOT NULL,
    cost_cents BIGINT NOT NULL,
    status     VARCHAR(20) NOT NULL
);
CREATE INDEX jc_visits_pet ON jc_visits (pet_id);
