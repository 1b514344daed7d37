-- The audit log: who did what to which object, with what input and outcome.
INSERT INTO do_actions_sink
SELECT
  ns || '/' || object AS object,
  seq,
  id,
  ns || '/' || actor AS actor,
  verb,
  ns || '/' || target AS target,
  input,
  output,
  status,
  timestamp,
  completedAt
FROM do_actions_stream;
