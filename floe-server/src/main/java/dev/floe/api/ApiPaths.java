package dev.floe.api;

/** Path templates shared by the API's route groups. */
final class ApiPaths {
    static final String CLIENT_V4 = "/client/v4";
    static final String ACCOUNT = CLIENT_V4 + "/accounts/{account_id}";
    static final String INGEST = "/ingest/{stream}";

    private ApiPaths() {
    }
}
