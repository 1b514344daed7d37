package dev.floe.example.startups;

/** The example's world: the namespace every object lives in, and who is who. */
final class Studio {
    static final String NS = "https://startups.studio";
    static final String NATHAN = "nathan";

    private Studio() {
    }
}
