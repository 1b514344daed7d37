package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.maintenance.MaintenanceSettings;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path directory;

    @Test
    void defaultsServeLoopbackOnPort8787WithDataInFloeData() {
        ServerConfig config = ServerConfig.resolve(Map.of(), Map.of(), null);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.dataDir()).isEqualTo(Path.of("floe-data"));
        assertThat(config.accountId()).isEqualTo("local");
        assertThat(config.apiToken()).isNull();
        assertThat(config.maxRequestBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.log().retention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.baseUrl(8787)).isEqualTo("http://127.0.0.1:8787");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheConfigFile() throws Exception {
        Path file = Files.writeString(directory.resolve("floe.properties"),
                "port=9000\ndata-dir=/from/file\naccount-id=fileaccount\nretention=7d\n");
        Map<String, String> environment = Map.of("FLOE_PORT", "9100", "FLOE_DATA_DIR", "/from/env");
        Map<String, String> flags = Map.of("port", "9200");

        ServerConfig config = ServerConfig.resolve(flags, environment, file);

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(config.accountId()).isEqualTo("fileaccount");
        assertThat(config.log().retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void maintenanceLooksEveryMinuteAndDeletesOrphansOnlyAfterDays() {
        ServerConfig defaults = ServerConfig.resolve(Map.of(), Map.of(), null);
        assertThat(defaults.maintenance()).isEqualTo(MaintenanceSettings.DEFAULTS);
        assertThat(defaults.maintenance().orphanFileAge()).isEqualTo(Duration.ofDays(3));
        assertThat(defaults.maintenance().compactionMaxBytes()).isEqualTo(4L << 30);

        ServerConfig tuned = ServerConfig.resolve(Map.of("compaction-interval", "30s", "compaction-max-bytes", "512MiB",
                "orphan-file-age", "7d"), Map.of(), null);
        assertThat(tuned.maintenance().compactionInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(tuned.maintenance().compactionMaxBytes()).isEqualTo(512L << 20);
        assertThat(tuned.maintenance().orphanFileAge()).isEqualTo(Duration.ofDays(7));
        assertInvalid(Map.of("orphan-file-age", "10m"), "orphan-file-age must be at least 1h");
        assertInvalid(Map.of("maintenance-interval", "0s"), "maintenance-interval must be positive");
    }

    @Test
    void theCatalogDatabaseIsSqliteInTheDataDirUnlessAJdbcUrlIsGiven() {
        ServerConfig defaults = ServerConfig.resolve(Map.of("data-dir", "/var/lib/floe"), Map.of(), null);
        assertThat(defaults.catalogDatabase().jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/floe/catalog/catalog.db");
        assertThat(defaults.catalogDatabase().user()).isNull();

        ServerConfig postgres = ServerConfig.resolve(Map.of("catalog-jdbc-url", "jdbc:postgresql://db:5432/floe"),
                Map.of("FLOE_CATALOG_JDBC_USER", "floe", "FLOE_CATALOG_JDBC_PASSWORD", "secret"), null);
        assertThat(postgres.catalogDatabase().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/floe");
        assertThat(postgres.catalogDatabase().user()).isEqualTo("floe");
        assertThat(postgres.catalogDatabase().password()).isEqualTo("secret");
        assertThat(postgres.catalogDatabase().toString()).doesNotContain("secret");
        assertInvalid(Map.of("catalog-jdbc-url", "postgresql://db"), "catalog-jdbc-url must be a JDBC URL");
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        ServerConfig config = ServerConfig.resolve(Map.of("max-request-bytes", "10MB", "segment-bytes", "64MiB",
                "retention", "PT90M", "max-pending-bytes", "512kib"), Map.of(), null);

        assertThat(config.maxRequestBytes()).isEqualTo(10_000_000L);
        assertThat(config.log().segmentBytes()).isEqualTo(64L << 20);
        assertThat(config.log().retention()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.log().maxPendingBytes()).isEqualTo(512L * 1024);
    }

    @Test
    void wildcardHostsHandOutLoopbackEndpointsAndPublicUrlWins() {
        assertThat(ServerConfig.resolve(Map.of("host", "0.0.0.0"), Map.of(), null).baseUrl(1234))
                .isEqualTo("http://127.0.0.1:1234");
        assertThat(ServerConfig.resolve(Map.of("host", "::1"), Map.of(), null).baseUrl(1234))
                .isEqualTo("http://[::1]:1234");
        assertThat(ServerConfig.resolve(Map.of("public-url", "https://floe.example.com"), Map.of(), null).baseUrl(1))
                .isEqualTo("https://floe.example.com");
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() throws Exception {
        assertInvalid(Map.of("port", "eighty"), "port must be a number from 0 to 65535, got 'eighty'");
        assertInvalid(Map.of("port", "70000"), "port must be a number");
        assertInvalid(Map.of("retention", "forever"), "retention must be a duration");
        assertInvalid(Map.of("max-request-bytes", "5 lots"), "max-request-bytes must be a size");
        assertInvalid(Map.of("max-request-bytes", "10"), "at least 1024");
        assertInvalid(Map.of("account-id", "has space"), "account-id");
        Path file = Files.writeString(directory.resolve("typo.properties"), "prot=1\n");
        assertThatThrownBy(() -> ServerConfig.resolve(Map.of(), Map.of(), file))
                .hasMessageContaining("unknown setting 'prot'");
        assertThatThrownBy(() -> ServerConfig.resolve(Map.of(), Map.of(), directory.resolve("missing.properties")))
                .hasMessageContaining("cannot read the config file");
    }

    private static void assertInvalid(Map<String, String> flags, String message) {
        assertThatThrownBy(() -> ServerConfig.resolve(flags, Map.of(), null))
                .isInstanceOf(FloeException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
