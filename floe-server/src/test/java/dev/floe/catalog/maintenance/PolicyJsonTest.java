package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** R2 Data Catalog's maintenance-configs shapes, as wrangler 4.86 sends them and as Cloudflare answers. */
class PolicyJsonTest {

    @Test
    void nothingRunsUntilEnabledAndTheDefaultsAreCloudflares() {
        assertThat(PolicyJson.toJson(MaintenancePolicy.DEFAULT)).isEqualTo(json("""
                {"compaction": {"state": "disabled", "target_size_mb": "128"},
                 "snapshot_expiration": {"state": "disabled", "max_snapshot_age": "30d", "min_snapshots_to_keep": 5}}"""));
    }

    @Test
    void wranglersCatalogLevelBodiesAreAccepted() {
        MaintenancePolicy compaction = update(MaintenancePolicy.DEFAULT,
                "{\"compaction\": {\"state\": \"enabled\", \"targetSizeMb\": 256}}");
        MaintenancePolicy expiration = update(compaction, """
                {"snapshot_expiration": {"state": "enabled", "max_snapshot_age": "7d", "min_snapshots_to_keep": 10}}""");

        assertThat(expiration.compaction()).isEqualTo(new CompactionPolicy(true, 256));
        assertThat(expiration.snapshotExpiration()).isEqualTo(new ExpirationPolicy(true, Duration.ofDays(7), 10));
        assertThat(update(expiration, "{\"compaction\": {\"state\": \"disabled\"}}").compaction())
                .as("what an update leaves out stays").isEqualTo(new CompactionPolicy(false, 256));
    }

    @Test
    void wranglersTableLevelBodiesSetOnlyTheirPartAndStartFromTheCatalogs() {
        MaintenancePolicy catalog = new MaintenancePolicy(new CompactionPolicy(true, 512),
                new ExpirationPolicy(false, Duration.ofDays(30), 5));

        MaintenancePolicy table = PolicyJson.update(MaintenancePolicy.INHERIT, catalog, json("""
                {"snapshot_expiration": {"state": "enabled", "older_than_days": 3, "retain_last": 2}}"""));

        assertThat(table.compaction()).as("left to the catalog").isNull();
        assertThat(table.snapshotExpiration()).isEqualTo(new ExpirationPolicy(true, Duration.ofDays(3), 2));
        MaintenancePolicy compacted = PolicyJson.update(table, catalog, json("{\"compaction\": {\"state\": \"enabled\"}}"));
        assertThat(compacted.compaction()).as("the catalog's target size").isEqualTo(new CompactionPolicy(true, 512));
        assertThat(PolicyJson.update(table, catalog, json("{\"compaction\": {\"target_size_mb\": \"64\"}}"))
                .compaction()).isEqualTo(new CompactionPolicy(true, 64));
    }

    @Test
    void agesAreWrittenInTheLargestExactUnit() {
        assertThat(PolicyJson.age(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(PolicyJson.age(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(PolicyJson.age(Duration.ofMinutes(2880 + 1))).isEqualTo("2881m");
        assertThat(PolicyJson.age(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(update(MaintenancePolicy.DEFAULT, "{\"snapshot_expiration\": {\"max_snapshot_age\": \"48h\"}}")
                .snapshotExpiration().maxSnapshotAge()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void storedPoliciesReadBackAsTheyWere() {
        MaintenancePolicy table = new MaintenancePolicy(null, new ExpirationPolicy(true, Duration.ofMinutes(90), 3));

        assertThat(PolicyJson.fromStoredJson(PolicyJson.toStoredJson(table))).isEqualTo(table);
        assertThat(PolicyJson.fromStoredJson(PolicyJson.toStoredJson(MaintenancePolicy.DEFAULT)))
                .isEqualTo(MaintenancePolicy.DEFAULT);
    }

    @Test
    void wrongValuesAreRefusedNamingTheField() {
        assertInvalid("{\"compaction\": {\"target_size_mb\": \"100\"}}", "'compaction.target_size_mb' must be one of [64, 128, 256, 512]");
        assertInvalid("{\"compaction\": {\"state\": \"on\"}}", "'compaction.state' must be \"enabled\" or \"disabled\"");
        assertInvalid("{\"snapshot_expiration\": {\"max_snapshot_age\": \"7 days\"}}", "'snapshot_expiration.max_snapshot_age' must be a number and a unit");
        assertInvalid("{\"snapshot_expiration\": {\"retain_last\": 0}}", "'snapshot_expiration.retain_last' must be a number of snapshots of at least 1");
        assertInvalid("{\"compaction\": {\"state\": \"enabled\", \"size\": 1}}", "unknown field 'compaction.size'");
        assertInvalid("{\"vacuum\": {}}", "unknown field 'vacuum'; known fields: compaction, snapshot_expiration");
        assertInvalid("[]", "must be a JSON object");
    }

    private static void assertInvalid(String body, String message) {
        assertThatThrownBy(() -> update(MaintenancePolicy.DEFAULT, body))
                .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining(message);
    }

    private static MaintenancePolicy update(MaintenancePolicy policy, String body) {
        return PolicyJson.update(policy, policy, json(body));
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
