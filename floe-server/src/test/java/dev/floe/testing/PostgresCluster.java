package dev.floe.testing;

import dev.floe.io.AtomicFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL cluster: made with {@code initdb} in a new temporary folder, listening on
 * 127.0.0.1 and a free port only (its Unix socket in that folder too), with one superuser who signs
 * in over TCP with a password. The server programs are Debian's, found or installed by
 * {@code bin/test-postgres.sh}. PostgreSQL refuses to run as root, so when the tests run as root the
 * cluster belongs to the package's {@code postgres} user (or {@code nobody}) and its programs run as
 * that user. Closing stops it with {@code pg_ctl}'s fast shutdown, kills it if that fails, and
 * deletes the folder; a JVM shutdown hook does the same when the tests are cut short.
 */
final class PostgresCluster implements AutoCloseable {
    static final String USER = "floe";
    static final String PASSWORD = "floe-test-password";

    private static final String SCRIPT = "bin/test-postgres.sh";
    private static final String FOLDER_PREFIX = "floe-pg-";
    /** Installing with apt-get may download the package first; looking for it takes milliseconds. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final int PG_CTL_WAIT_SECONDS = 60;
    private static final int START_ATTEMPTS = 3;

    private final Path bin;
    private final Path folder;
    private final List<String> runAs;
    private final int port;
    private final long pid;
    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresCluster(Path bin, Path folder, List<String> runAs, int port, long pid) {
        this.bin = bin;
        this.folder = folder;
        this.runAs = runAs;
        this.port = port;
        this.pid = pid;
    }

    /** Finds or installs the server programs, then makes and starts a new cluster. */
    static PostgresCluster start() throws IOException, InterruptedException {
        long began = System.nanoTime();
        Path bin = serverPrograms();
        stopAbandonedClusters();
        Path folder = Files.createTempDirectory(FOLDER_PREFIX);
        try {
            Files.writeString(folder.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
            List<String> runAs = runAsOwner(folder);
            initdb(bin, folder, runAs);
            int port = startOnAFreePort(bin, folder, runAs);
            long pid = Long.parseLong(Files.readAllLines(folder.resolve("data/postmaster.pid")).getFirst().strip());
            PostgresCluster cluster = new PostgresCluster(bin, folder, runAs, port, pid);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-test-postgres"));
            System.err.printf("test-postgres: PostgreSQL (%s) runs on 127.0.0.1:%d with its data in %s, pid %d;"
                    + " started in %.1f s%n", bin, port, folder, pid, (System.nanoTime() - began) / 1e9);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopAndDelete(folder);
            throw e;
        }
    }

    /** Starts the server and waits until it accepts connections; answers its port. */
    private static int startOnAFreePort(Path bin, Path folder, List<String> runAs)
            throws IOException, InterruptedException {
        Path log = folder.resolve("postgres.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Command.Result started = run(runAs, List.of(bin.resolve("pg_ctl").toString(), "start",
                    "-D", folder.resolve("data").toString(), "-l", log.toString(),
                    "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS), "-o", "-p " + port));
            if (started.exitCode() == 0) {
                return port;
            }
            String logged = Files.exists(log) ? Files.readString(log) : "(no log)";
            // Another process may have taken the free port between looking and binding.
            if (attempt == START_ATTEMPTS || !logged.contains("could not bind")) {
                throw new IllegalStateException("PostgreSQL did not start (pg_ctl exit " + started.exitCode() + "):\n"
                        + started.output() + "\nits log:\n" + logged);
            }
        }
    }

    /** Runs {@code bin/test-postgres.sh}, showing what it does, and answers the folder it names. */
    private static Path serverPrograms() throws IOException, InterruptedException {
        Path script = projectRoot().resolve(SCRIPT);
        Command.Result found = Command.run(List.of("bash", script.toString()), Map.of(), INSTALL_TIMEOUT,
                line -> System.err.println(line.startsWith("test-postgres:") ? line : "test-postgres: | " + line));
        if (found.exitCode() != 0) {
            throw new IllegalStateException("PostgreSQL for the catalog tests could not be found or installed: "
                    + SCRIPT + " failed with exit code " + found.exitCode() + ":\n" + found.output());
        }
        Path bin = Path.of(found.lastLine());
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException(SCRIPT + " named " + bin + ", which holds no initdb:\n" + found.output());
        }
        return bin;
    }

    /** The checkout: the folder above the tests' working directory that holds {@value #SCRIPT}. */
    private static Path projectRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(SCRIPT))) {
                return folder;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " above " + Path.of("").toAbsolutePath());
    }

    /**
     * As root, gives the folder to a user PostgreSQL accepts and answers the prefix that runs a
     * program as that user; as anyone else, nothing needs to change.
     */
    private static List<String> runAsOwner(Path folder) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        UserPrincipal owner;
        try {
            owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (UserPrincipalNotFoundException e) {
            owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        }
        Files.setOwner(folder, owner);
        return List.of("runuser", "-u", owner.getName(), "--");
    }

    private static void initdb(Path bin, Path folder, List<String> runAs) throws IOException, InterruptedException {
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        if (!runAs.isEmpty()) {
            Files.setOwner(passwordFile, Files.getOwner(folder));
        }
        Path data = folder.resolve("data");
        Command.Result made = run(runAs, List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", USER, "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        Files.delete(passwordFile);
        if (made.exitCode() != 0) {
            throw new IllegalStateException("initdb failed (exit " + made.exitCode() + "):\n" + made.output());
        }
        // Loopback only, the socket in the cluster's folder rather than /var/run/postgresql; no
        // durability, since the cluster is thrown away after the tests.
        Files.writeString(data.resolve("postgresql.conf"), """

                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                """.formatted(folder), StandardOpenOption.APPEND);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Command.Result run(List<String> runAs, List<String> command)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(runAs);
        all.addAll(command);
        return Command.run(all, Map.of(), COMMAND_TIMEOUT);
    }

    /** A new, empty database in the cluster; answers its name. */
    String createDatabase() throws SQLException {
        String name = "catalog_" + databases.incrementAndGet();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection to a database of the cluster, as its superuser; bounded by time-outs, as any wait. */
    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Stops the server and deletes its folder; again is a no-op. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            Command.Result stopped = run(runAs, List.of(bin.resolve("pg_ctl").toString(), "stop",
                    "-D", folder.resolve("data").toString(), "-m", "fast",
                    "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS)));
            if (stopped.exitCode() != 0) {
                System.err.println("test-postgres: pg_ctl stop failed, killing pid " + pid + ":\n" + stopped.output());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("test-postgres: pg_ctl stop failed, killing pid " + pid + ": " + e);
        }
        kill(pid);
        stopAndDelete(folder);
        System.err.println("test-postgres: stopped PostgreSQL on 127.0.0.1:" + port + " and deleted " + folder);
    }

    /**
     * Stops and deletes the clusters that test JVMs which no longer run left behind (killed before
     * they could stop theirs); those of JVMs still running are theirs.
     */
    private static void stopAbandonedClusters() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temporary, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                try {
                    long owner = Long.parseLong(Files.readString(folder.resolve("owner.pid")).strip());
                    if (ProcessHandle.of(owner).isEmpty()) {
                        System.err.println("test-postgres: removing " + folder + ", left by a killed test run");
                        stopAndDelete(folder);
                    }
                } catch (IOException | NumberFormatException e) {
                    // Not a cluster folder of ours, or one being made or deleted right now.
                }
            }
        }
    }

    /** Kills the postmaster of the cluster in {@code folder}, if one runs, and deletes the folder. */
    private static void stopAndDelete(Path folder) {
        try {
            Path pidFile = folder.resolve("data/postmaster.pid");
            if (Files.exists(pidFile)) {
                kill(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
            }
            AtomicFiles.deleteTree(folder);
        } catch (IOException | RuntimeException e) {
            System.err.println("test-postgres: could not delete " + folder + ": " + e);
        }
    }

    /**
     * Ends the process if it is still a PostgreSQL server: SIGTERM (a smart shutdown, quick with no
     * client left), then SIGKILL after 10 s; waits 10 s more at most.
     */
    private static void kill(long pid) {
        ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .ifPresent(process -> {
                    process.destroy();
                    try {
                        process.onExit().get(10, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        process.destroyForcibly();
                        process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
