package dev.floe.cli;

import picocli.CommandLine.IVersionProvider;

/** floe's version from the jar manifest, and the Java it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
                "floe " + (version != null ? version : "(development build)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
