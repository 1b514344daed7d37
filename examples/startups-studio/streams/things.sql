-- Every version of every thing, for queries across objects.
INSERT INTO do_things_sink
SELECT
  ns || '/' || object AS object,
  seq,
  ns || '/' || id AS id,
  ns || '/' || type AS type,
  version,
  data,
  createdAt,
  updatedAt
FROM do_things_stream;
