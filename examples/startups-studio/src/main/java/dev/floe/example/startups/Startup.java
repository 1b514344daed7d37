package dev.floe.example.startups;

import dev.floe.objects.Namespace;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A startup: founded by a human, it raises rounds, hires and pivots. Each of those is an action of the
 * human who does it, recorded by the startup together with the state change, its event and the new
 * version of the startup's thing, in one transaction.
 */
public final class Startup extends StudioObject {
    static final Namespace<Startup> NAMESPACE = Namespace.of(Studio.NS, "Startup", Startup::new);

    private static final String PROFILE = "profile";

    /** The startup's state as it keeps it. */
    public record Profile(String name, String founder, String idea, int rounds, long raised, String raisedAt,
                          int employees) {
    }

    public Profile found(String founder, String name, String idea) {
        return act(founder, "found", id().local(), Map.of("name", name, "idea", idea), () -> {
            if (profile() != null) {
                throw new IllegalStateException(id().local() + " was founded already");
            }
            Profile profile = new Profile(name, founder, idea, 0, 0, null, 1);
            save(profile);
            emitEvent("created", Map.of("name", name, "founder", founder, "idea", idea));
            return profile;
        });
    }

    public Profile raise(String investor, String round, long amount, LocalDate raisedAt) {
        Map<String, Object> input = Map.of("round", round, "amount", amount, "raisedAt", raisedAt.toString());
        return act(investor, "invest", id().local(), input, () -> {
            Profile before = existing();
            Profile after = new Profile(before.name(), before.founder(), before.idea(), before.rounds() + 1,
                    before.raised() + amount, raisedAt.toString(), before.employees());
            save(after);
            emitEvent("raised", Map.of("round", round, "amount", amount, "raisedAt", raisedAt.toString(),
                    "investor", investor));
            return after;
        });
    }

    public Profile hire(String founder, String hire, String role) {
        return act(founder, "hire", id().local(), Map.of("human", hire, "role", role), () -> {
            Profile before = existing();
            Profile after = new Profile(before.name(), before.founder(), before.idea(), before.rounds(),
                    before.raised(), before.raisedAt(), before.employees() + 1);
            save(after);
            emitEvent("hired", Map.of("human", hire, "role", role));
            return after;
        });
    }

    public Profile pivot(String founder, String idea) {
        return act(founder, "pivot", id().local(), Map.of("idea", idea), () -> {
            Profile before = existing();
            Profile after = new Profile(before.name(), before.founder(), idea, before.rounds(), before.raised(),
                    before.raisedAt(), before.employees());
            save(after);
            emitEvent("pivoted", Map.of("from", before.idea(), "to", idea));
            return after;
        });
    }

    /** The startup's state, or null before it is founded. */
    public Profile profile() {
        return ctx().storage().get(PROFILE, Profile.class).orElse(null);
    }

    private Profile existing() {
        Profile profile = profile();
        if (profile == null) {
            throw new IllegalStateException(id().local() + " has not been founded");
        }
        return profile;
    }

    /** Keeps the state, and writes it as the startup's next thing version, as the lake sees it. */
    private void save(Profile profile) {
        ctx().storage().put(PROFILE, profile);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", profile.name());
        data.put("founder", profile.founder());
        data.put("idea", profile.idea());
        data.put("rounds", profile.rounds());
        data.put("raised", profile.raised());
        data.put("employees", profile.employees());
        if (profile.raisedAt() != null) {
            data.put("raisedAt", profile.raisedAt());
        }
        putThing(data);
    }
}
