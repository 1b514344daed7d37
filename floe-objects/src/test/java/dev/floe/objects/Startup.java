package dev.floe.objects;

import java.util.Map;

/** A test object in the seeds' shape: a startup that humans create and fund. */
public class Startup extends DurableObject {
    static final Namespace<Startup> NAMESPACE = Namespace.of("https://startups.studio", "Startup", Startup::new);

    public void create(String founder) {
        putThing(Map.of("name", id().name(), "founder", founder));
        emitEvent("created", Map.of("founder", founder));
    }

    public long raise(String actor, long amount, String raisedAt) {
        return act(actor, "raise", id().local(), Map.of("amount", amount), () -> {
            long total = ctx().storage().get("raised", Long.class).orElse(0L) + amount;
            ctx().storage().put("raised", total);
            putThing(Map.of("name", id().name(), "raised", total, "raisedAt", raisedAt));
            emitEvent("raised", Map.of("amount", amount, "raisedAt", raisedAt));
            return total;
        });
    }

    public void audit(String note) {
        env().binding("AUDIT").send(Map.of("object", id().local(), "note", note));
    }
}
