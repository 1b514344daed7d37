package dev.floe.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.floe.storage.S3Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of floe, written down so that they stay as designed. Lower layers never import higher
 * ones: cli → server → api → pipeline → sinks → engine → streams → log, and api → pipeline → sinks →
 * catalog → buckets → storage. Sinks use the engine and storage because they write their files with
 * DuckDB into buckets; the pipeline uses buckets because its runner opens the bucket of each sink it
 * writes. The catalog sits under sinks and over buckets: sinks append to catalog tables, and the
 * query layer will plan with them, while the catalog only opens buckets to keep tables' files. Sinks
 * read stream schemas (only those): a table sink types its table by Cloudflare's field types. The query
 * layer (R2 SQL) sits under the API beside the pipeline: it plans with the catalog's tables and runs
 * DuckDB from the engine, and nothing but the API and the server's wiring may use it, so that queries
 * stay read-only by construction (they never reach sinks, pipelines or streams). * Catalog maintenance sits over both the catalog and the engine, since compaction rewrites files with
 * DuckDB; only the server (which runs it) and the API (which configures it) use it. Think hard
 * before loosening a rule here: each one keeps a seam open (the log behind an interface so that Kafka
 * can replace it; the API as a thin shell over services so that other front ends can reuse them;
 * storage knowing nothing of buckets' definitions so that sinks can write to any of its kinds).
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.floe");
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("CLI").definedBy("dev.floe.cli..")
                .layer("Server").definedBy("dev.floe.server..")
                .layer("API").definedBy("dev.floe.api..")
                .layer("Pipeline").definedBy("dev.floe.pipeline..")
                .layer("Query").definedBy("dev.floe.query..")
                .layer("Sinks").definedBy("dev.floe.sink..")
                .layer("Maintenance").definedBy("dev.floe.catalog.maintenance..")
                .layer("Catalog").definedBy("dev.floe.catalog")
                .layer("Engine").definedBy("dev.floe.engine..")
                .layer("Streams").definedBy("dev.floe.stream", "dev.floe.stream.ingest..", "dev.floe.stream.schema..")
                .layer("Log").definedBy("dev.floe.stream.log..")
                .layer("Buckets").definedBy("dev.floe.bucket..")
                .layer("Storage").definedBy("dev.floe.storage..")
                .layer("Foundation").definedBy("dev.floe.json..", "dev.floe.io..", "dev.floe.error..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Server").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("API").mayOnlyBeAccessedByLayers("Server")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("API", "Server")
                .whereLayer("Query").mayOnlyBeAccessedByLayers("API", "Server")
                .whereLayer("Sinks").mayOnlyBeAccessedByLayers("Pipeline", "API", "Server")
                .whereLayer("Maintenance").mayOnlyBeAccessedByLayers("API", "Server")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Maintenance", "Sinks", "Pipeline", "Query", "API", "Server")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Maintenance", "Pipeline", "Sinks", "Query", "API", "Server")
                .whereLayer("Streams").mayOnlyBeAccessedByLayers("Pipeline", "Sinks", "Engine", "API", "Server")
                .whereLayer("Log").mayOnlyBeAccessedByLayers("Streams", "Pipeline", "Engine", "Server")
                .whereLayer("Buckets").mayOnlyBeAccessedByLayers("Catalog", "Maintenance", "Pipeline", "API", "Server")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("Catalog", "Buckets", "Sinks", "Pipeline", "API")
                .check(classes);
    }

    /** The API reads and shows S3 settings, but reaches objects only through the bucket service. */
    @Test
    void theApiUsesNothingOfStorageButS3Settings() {
        noClasses().that().resideInAPackage("dev.floe.api..")
                .should().dependOnClassesThat(resideInAPackage("dev.floe.storage..").and(not(type(S3Settings.class))))
                .check(classes);
    }

    /** The catalog keeps tables' files in buckets; it knows nothing of streams, pipelines or the engine. */
    @Test
    void theCatalogUsesOnlyBucketsAndStorage() {
        classes().that().resideInAPackage("dev.floe.catalog")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.stream..", "dev.floe.engine..",
                        "dev.floe.pipeline..", "dev.floe.sink..", "dev.floe.api..", "dev.floe.server..", "dev.floe.cli..")
                .check(classes);
    }

    /** Maintenance rewrites tables' files with the engine; it knows nothing of streams, pipelines or sinks. */
    @Test
    void maintenanceUsesOnlyTheCatalogTheEngineAndBuckets() {
        classes().that().resideInAPackage("dev.floe.catalog.maintenance..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.stream..", "dev.floe.pipeline..",
                        "dev.floe.sink..", "dev.floe.api..", "dev.floe.server..", "dev.floe.cli..")
                .check(classes);
    }

    @Test
    void sinksUseOnlyStreamSchemasOfTheStreams() {
        classes().that().resideInAPackage("dev.floe.sink..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.stream", "dev.floe.stream.ingest..",
                        "dev.floe.stream.log..")
                .check(classes);
    }

    @Test
    void theEngineUsesOnlyStreamSchemasAndLogRecordsOfTheStreams() {
        classes().that().resideInAPackage("dev.floe.engine..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.stream", "dev.floe.stream.ingest..",
                        "dev.floe.stream.log.local..", "dev.floe.pipeline..", "dev.floe.api..", "dev.floe.server..",
                        "dev.floe.cli..")
                .check(classes);
    }

    /** Queries read catalog tables only: never streams, sinks or pipelines, which are where writes happen. */
    @Test
    void queriesUseOnlyTheCatalogAndTheEngine() {
        classes().that().resideInAPackage("dev.floe.query..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.stream..", "dev.floe.sink..",
                        "dev.floe.pipeline..", "dev.floe.api..", "dev.floe.server..", "dev.floe.cli..")
                .check(classes);
    }

    @Test
    void streamsKnowNothingOfPipelinesOrTheEngine() {
        classes().that().resideInAPackage("dev.floe.stream..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.floe.engine..", "dev.floe.pipeline..")
                .check(classes);
    }

    @Test
    void theLocalLogIsReachedOnlyThroughItsInterfaceExceptWhereTheServerIsWired() {
        classes().that().resideInAPackage("dev.floe.stream.log.local..")
                .should().onlyBeAccessed().byAnyPackage("dev.floe.stream.log.local..", "dev.floe.server..")
                .check(classes);
    }

    @Test
    void theFoundationKnowsNothingOfFloesConcepts() {
        classes().that().resideInAnyPackage("dev.floe.json..", "dev.floe.io..", "dev.floe.error..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "dev.floe.stream..", "dev.floe.engine..", "dev.floe.pipeline..", "dev.floe.sink..",
                        "dev.floe.catalog..", "dev.floe.bucket..",
                        "dev.floe.storage..", "dev.floe.api..",
                        "dev.floe.server..", "dev.floe.cli..")
                .check(classes);
    }

    @Test
    void clientInternalsStayInsideTheClient() {
        classes().that().resideInAPackage("dev.floe.client.internal..")
                .should().onlyBeAccessed().byAnyPackage("dev.floe.client..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.floe.(*)..").should().beFreeOfCycles().check(classes);
    }
}
