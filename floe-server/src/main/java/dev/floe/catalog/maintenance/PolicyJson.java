package dev.floe.catalog.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R2 Data Catalog's {@code maintenance-configs} JSON, answered and accepted:
 * {@code {"compaction": {"state", "target_size_mb"}, "snapshot_expiration": {"state", "max_snapshot_age",
 * "min_snapshots_to_keep"}}}.
 *
 * <p>Updates also take the other spellings wrangler 4.86 sends: {@code targetSizeMb} (a number) for a
 * catalog's compaction, {@code older_than_days} and {@code retain_last} for a table's snapshot
 * expiration. Every field of an update is optional; what is left out stays as it was.
 */
public final class PolicyJson {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([dhms])");
    private static final Set<String> PARTS = Set.of("compaction", "snapshot_expiration");
    private static final Set<String> COMPACTION_FIELDS = Set.of("state", "target_size_mb", "targetSizeMb");
    private static final Set<String> EXPIRATION_FIELDS = Set.of("state", "max_snapshot_age", "min_snapshots_to_keep",
            "older_than_days", "retain_last");

    private PolicyJson() {
    }

    /** An effective policy (both parts set) in Cloudflare's shape; the target size is a string, as Cloudflare's is. */
    public static ObjectNode toJson(MaintenancePolicy policy) {
        ObjectNode json = Json.object();
        json.putObject("compaction")
                .put("state", state(policy.compaction().enabled()))
                .put("target_size_mb", Integer.toString(policy.compaction().targetSizeMb()));
        json.putObject("snapshot_expiration")
                .put("state", state(policy.snapshotExpiration().enabled()))
                .put("max_snapshot_age", age(policy.snapshotExpiration().maxSnapshotAge()))
                .put("min_snapshots_to_keep", policy.snapshotExpiration().minSnapshotsToKeep());
        return json;
    }

    /** A policy as stored: only its parts that are set. */
    static ObjectNode toStoredJson(MaintenancePolicy policy) {
        ObjectNode full = toJson(policy.over(MaintenancePolicy.DEFAULT));
        ObjectNode json = Json.object();
        if (policy.compaction() != null) {
            json.set("compaction", full.get("compaction"));
        }
        if (policy.snapshotExpiration() != null) {
            json.set("snapshot_expiration", full.get("snapshot_expiration"));
        }
        return json;
    }

    /** Reads what {@link #toStoredJson} wrote. */
    static MaintenancePolicy fromStoredJson(JsonNode json) {
        return update(MaintenancePolicy.INHERIT, MaintenancePolicy.DEFAULT, json);
    }

    /**
     * Applies an update to a policy.
     *
     * @param current   the policy changed; a table's has {@code null} parts that its catalog's fill
     * @param inherited where a part the update sets but {@code current} lacks starts from (the
     *                  catalog's policy, for a table)
     * @throws FloeException {@code INVALID_REQUEST} naming the field that is wrong and what it must be
     */
    public static MaintenancePolicy update(MaintenancePolicy current, MaintenancePolicy inherited, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the maintenance configuration must be a JSON object with 'compaction' and/or "
                    + "'snapshot_expiration'");
        }
        checkFields(body, PARTS, "");
        CompactionPolicy compaction = current.compaction();
        JsonNode compactionJson = body.path("compaction");
        if (!absent(compactionJson)) {
            compaction = updateCompaction(compaction != null ? compaction : inherited.compaction(), compactionJson);
        }
        ExpirationPolicy expiration = current.snapshotExpiration();
        JsonNode expirationJson = body.path("snapshot_expiration");
        if (!absent(expirationJson)) {
            expiration = updateExpiration(expiration != null ? expiration : inherited.snapshotExpiration(),
                    expirationJson);
        }
        return new MaintenancePolicy(compaction, expiration);
    }

    private static CompactionPolicy updateCompaction(CompactionPolicy base, JsonNode json) {
        checkFields(json, COMPACTION_FIELDS, "compaction.");
        boolean enabled = state(json, "compaction.state", base.enabled());
        int target = base.targetSizeMb();
        for (String field : new String[] {"target_size_mb", "targetSizeMb"}) {
            JsonNode value = json.path(field);
            if (!absent(value)) {
                target = wholeNumber(value, "compaction." + field, "one of " + CompactionPolicy.TARGET_SIZES_MB);
                if (!CompactionPolicy.TARGET_SIZES_MB.contains(target)) {
                    throw invalid("'compaction." + field + "' must be one of " + CompactionPolicy.TARGET_SIZES_MB
                            + " (MB), got " + value);
                }
            }
        }
        return new CompactionPolicy(enabled, target);
    }

    private static ExpirationPolicy updateExpiration(ExpirationPolicy base, JsonNode json) {
        checkFields(json, EXPIRATION_FIELDS, "snapshot_expiration.");
        boolean enabled = state(json, "snapshot_expiration.state", base.enabled());
        Duration age = base.maxSnapshotAge();
        JsonNode ageJson = json.path("max_snapshot_age");
        if (!absent(ageJson)) {
            age = parseAge(ageJson);
        }
        JsonNode days = json.path("older_than_days");
        if (!absent(days)) {
            age = Duration.ofDays(positive(days, "snapshot_expiration.older_than_days", "a number of days"));
        }
        int keep = base.minSnapshotsToKeep();
        for (String field : new String[] {"min_snapshots_to_keep", "retain_last"}) {
            JsonNode value = json.path(field);
            if (!absent(value)) {
                keep = positive(value, "snapshot_expiration." + field, "a number of snapshots");
            }
        }
        return new ExpirationPolicy(enabled, age, keep);
    }

    private static Duration parseAge(JsonNode value) {
        Matcher matcher = value.isTextual() ? AGE.matcher(value.asText().trim()) : null;
        if (matcher == null || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw invalid("'snapshot_expiration.max_snapshot_age' must be a number and a unit, d (days), h (hours), "
                    + "m (minutes) or s (seconds), such as \"7d\" or \"48h\"; got " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** An age in the largest of Cloudflare's units that states it exactly. */
    static String age(Duration age) {
        long seconds = age.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static boolean state(JsonNode json, String path, boolean current) {
        JsonNode value = json.path("state");
        if (absent(value)) {
            return current;
        }
        return switch (value.isTextual() ? value.asText() : "") {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw invalid("'" + path + "' must be \"enabled\" or \"disabled\", got " + value);
        };
    }

    private static String state(boolean enabled) {
        return enabled ? "enabled" : "disabled";
    }

    private static int positive(JsonNode value, String path, String what) {
        int number = wholeNumber(value, path, what + " of at least 1");
        if (number < 1) {
            throw invalid("'" + path + "' must be " + what + " of at least 1, got " + value);
        }
        return number;
    }

    /** A whole number, given as a JSON number or a string of digits (Cloudflare writes sizes as strings). */
    private static int wholeNumber(JsonNode value, String path, String expected) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,9}")) {
            return Integer.parseInt(value.asText());
        }
        throw invalid("'" + path + "' must be " + expected + ", got " + value);
    }

    private static void checkFields(JsonNode json, Set<String> known, String prefix) {
        if (!json.isObject()) {
            throw invalid("'" + prefix.substring(0, prefix.length() - 1) + "' must be a JSON object, got " + json);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid("unknown field '" + prefix + name + "'; known fields: " + String.join(", ",
                        known.stream().sorted().toList()));
            }
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }
}
