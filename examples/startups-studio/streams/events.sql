-- Domain events for analytics. Objects name themselves and each other locally ('Startup/acme');
-- the lake names them globally, so every local identifier gets the object's namespace in front.
INSERT INTO do_events_sink
SELECT
  ns || '/' || object AS object,
  seq,
  verb,
  ns || '/' || source AS source,
  ns || '/' || sourceType AS sourceType,
  data,
  actionId,
  timestamp
FROM do_events_stream;
