package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.floe.testing.HttpCall;
import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Iceberg's REST Compatibility Kit ({@code RESTCompatibilityKitSuite} of iceberg-open-api, its
 * catalog and view tests) against a running floe server: {@code rck.local=false}, the client pointed
 * at a bucket's catalog through the system properties the kit reads. It must pass whole.
 *
 * <p>The kit's temporary folders, where some tests ask for custom table and view locations, are made
 * inside the bucket ({@link InsideTheBucket}): floe keeps every table's files in its bucket, and
 * replaces a requested location elsewhere, which the kit allows only for some of its tests.
 *
 * <p>Run against each catalog database by {@link RestCompatibilityKitTest} (SQLite) and
 * {@link PostgresRestCompatibilityKitTest}.
 */
abstract class RestCompatibilityKitContract implements CatalogDatabaseUnderTest {
    private static final String TOKEN = "rck-token";
    private static final String SUITE = "org.apache.iceberg.rest.RESTCompatibilityKitSuite";
    private static final String SCRATCH = "floe.rck.scratch";

    @TempDir
    Path dataDir;

    @Test
    void theRestCompatibilityKitPasses() {
        try (RunningServer server = startServer(dataDir, TOKEN)) {
            HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).json(Map.of("name", "rck")).send();
            assertThat(HttpCall.request("POST", server.catalogControlUrl("rck/enable")).bearer(TOKEN).send().status())
                    .isEqualTo(200);

            Map<String, String> client = new LinkedHashMap<>();
            client.put("uri", server.catalogUri("rck"));
            client.put("warehouse", RunningServer.ACCOUNT + "_rck");
            client.put("token", TOKEN);
            client.put("rest.auth.type", "oauth2");
            client.put("oauth2-server-uri", server.catalogUri("rck") + "/v1/oauth/tokens");
            client.put("io-impl", LocalFileIO.class.getName());
            // What floe's catalog does, as the kit asks: namespaces must exist before their tables,
            // a conflicting commit is retried on the server, and a location outside the bucket is
            // replaced by one inside it.
            client.put("rck.requires-namespace-create", "true");
            client.put("rck.supports-serverside-retry", "true");
            client.put("rck.overrides-requested-location", "true");
            client.put(SCRATCH, dataDir.resolve("buckets/rck/rck-scratch").toAbsolutePath().toString());

            TestExecutionSummary summary = withSystemProperties(client, RestCompatibilityKitContract::runSuite);

            StringWriter failures = new StringWriter();
            summary.printFailuresTo(new PrintWriter(failures), 20);
            assertThat(summary.getTestsFoundCount()).as("the kit's tests were found").isGreaterThan(100);
            assertThat(summary.getTotalFailureCount()).as(failures.toString()).isZero();
            assertThat(summary.getTestsSucceededCount()).isPositive();
        }
    }

    private static TestExecutionSummary runSuite() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SUITE))
                .configurationParameter("rck.local", "false")
                .configurationParameter("junit.jupiter.tempdir.factory.default", InsideTheBucket.class.getName())
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Makes the kit's {@code @TempDir} folders in the bucket's scratch folder. */
    public static final class InsideTheBucket implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
            return Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty(SCRATCH))), "rck-");
        }
    }

    /** The kit reads its client's settings from the system properties: set for the run, then restored. */
    private static TestExecutionSummary withSystemProperties(Map<String, String> properties,
                                                             Supplier<TestExecutionSummary> run) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        try {
            return run.get();
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
