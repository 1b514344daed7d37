package dev.floe.objects.internal.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A class's schema migrations: script N (counting from 1) is applied once, in a transaction with the
 * row that records it, so a crash leaves each either applied and recorded or neither.
 */
public final class Migrations {
    private Migrations() {
    }

    /** Applies the scripts not applied yet; returns how many. */
    public static int apply(ObjectDatabase db, List<String> scripts, Clock clock) {
        Object applied = db.scalar("SELECT max(version) FROM _floe_migrations");
        int done = applied == null ? 0 : ((Number) applied).intValue();
        if (done > scripts.size()) {
            throw new IllegalStateException(db.file() + " has " + done + " migrations applied but its class declares "
                    + scripts.size() + ": a migration was removed; migrations may only be appended");
        }
        for (int version = done + 1; version <= scripts.size(); version++) {
            String script = scripts.get(version - 1);
            int recorded = version;
            db.inTransaction(() -> {
                db.execute(script);
                db.update("INSERT INTO _floe_migrations (version, applied_at) VALUES (?, ?)", recorded,
                        Instant.now(clock).toString());
                return null;
            });
        }
        return scripts.size() - done;
    }
}
