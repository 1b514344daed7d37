package dev.floe.example.startups;

import dev.floe.cli.output.SqlResultTable;
import dev.floe.client.FloeClient;
import dev.floe.client.SqlResult;
import java.io.PrintWriter;
import java.util.List;

/** The seeds' three questions across every object's data, asked of the lake with R2 SQL. */
final class SeedQueries {
    record Query(String title, String sql) {
    }

    static final List<Query> ALL = List.of(
            new Query("Cross-object query: every startup version that raised on or after 2024-10-01",
                    "SELECT * FROM do_things WHERE type = '" + Studio.NS + "/Startup' "
                            + "AND JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-01'"),
            new Query("Analytics: events by verb",
                    "SELECT verb, COUNT(*) as count FROM do_events GROUP BY verb ORDER BY count DESC"),
            new Query("Audit: every action by nathan",
                    "SELECT * FROM do_actions WHERE actor = '" + Studio.NS + "/Human/" + Studio.NATHAN + "' "
                            + "ORDER BY timestamp DESC"));

    private SeedQueries() {
    }

    static void print(FloeClient client, String bucket, PrintWriter out) {
        for (Query query : ALL) {
            out.println("-- " + query.title());
            out.println(query.sql());
            out.println();
            SqlResult result = client.sql().query(bucket, query.sql());
            SqlResultTable.print(out, result);
            out.println("(" + result.rows().size() + (result.rows().size() == 1 ? " row" : " rows")
                    + (result.defaultLimit() == null ? "" : "; at most " + result.defaultLimit() + " without a LIMIT")
                    + ")");
            out.println();
        }
        out.flush();
    }
}
