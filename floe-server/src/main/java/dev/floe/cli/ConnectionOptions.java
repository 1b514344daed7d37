package dev.floe.cli;

import dev.floe.client.FloeClient;
import picocli.CommandLine.Option;

/**
 * Where the floe server is and how to sign in, shared by every command that talks to one. Options
 * not given fall back to the environment, as {@link FloeClient#builderFromEnvironment()} reads it.
 */
public final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "<url>",
            description = "Address of the floe server (default: $FLOE_URL, else " + FloeClient.DEFAULT_URL + ").")
    private String url;

    @Option(names = "--account-id", paramLabel = "<id>",
            description = "Account the streams and buckets belong to (default: $FLOE_ACCOUNT_ID, else $CLOUDFLARE_ACCOUNT_ID, "
                    + "else " + FloeClient.DEFAULT_ACCOUNT_ID + ").")
    private String accountId;

    @Option(names = "--api-token", paramLabel = "<token>",
            description = "API token, when the server requires one (default: $FLOE_API_TOKEN, "
                    + "else $CLOUDFLARE_API_TOKEN).")
    private String apiToken;

    /** A client for the server these options name; close it when done. */
    public FloeClient connect() {
        FloeClient.Builder builder = FloeClient.builderFromEnvironment();
        if (url != null) {
            builder.baseUrl(url);
        }
        if (accountId != null) {
            builder.accountId(accountId);
        }
        if (apiToken != null) {
            builder.apiToken(apiToken);
        }
        return builder.build();
    }
}
