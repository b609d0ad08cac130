-- Flyway creates the schema (spring.flyway.schemas) and runs this with it as search_path.
CREATE TABLE schema_info (
    key   text PRIMARY KEY,
    value text NOT NULL
);

INSERT INTO schema_info (key, value) VALUES ('service', 'safe');
