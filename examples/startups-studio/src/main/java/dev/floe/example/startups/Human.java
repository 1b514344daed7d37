package dev.floe.example.startups;

import dev.floe.objects.Namespace;
import dev.floe.objects.ObjectStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A human of the studio: joins it, founds startups (calling them) and keeps a list of them. */
public final class Human extends StudioObject {
    static final Namespace<Human> NAMESPACE = Namespace.of(Studio.NS, "Human", Human::new);

    private static final String STARTUPS = "startups";

    public void join(String name) {
        putThing(Map.of("name", name, "startups", List.of()));
        emitEvent("joined", Map.of("name", name));
    }

    /** Founds {@code startup}: the startup records the action; the human the founding, in its own transaction. */
    public void found(ObjectStub<Startup> startup, String name, String idea) {
        startup.call(s -> s.found(id().local(), name, idea));
        List<String> startups = new ArrayList<>(startups());
        startups.add(startup.id().local());
        ctx().storage().put(STARTUPS, startups);
        putThing(Map.of("name", thing().map(t -> t.data().path("name").asText()).orElse(id().name()),
                "startups", startups));
        emitEvent("founded", Map.of("startup", startup.id().local(), "name", name));
    }

    @SuppressWarnings("unchecked")
    public List<String> startups() {
        return ctx().storage().get(STARTUPS, List.class).orElse(List.of());
    }
}
