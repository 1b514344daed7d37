package dev.floe.objects.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.Binding;
import dev.floe.objects.Bindings;
import dev.floe.objects.DurableObject;
import dev.floe.objects.Env;
import dev.floe.objects.ObjectId;
import dev.floe.objects.ObjectStub;
import dev.floe.objects.internal.outbox.Outbox;
import dev.floe.objects.internal.storage.ObjectDatabase;

/** One object's {@link Env}: stubs through the host, bindings through its own outbox. */
final class ObjectEnv implements Env {
    private final ObjectHost host;
    private final Bindings bindings;
    private final ObjectDatabase db;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    ObjectEnv(ObjectHost host, Bindings bindings, ObjectDatabase db, Outbox outbox, ObjectMapper mapper) {
        this.host = host;
        this.bindings = bindings;
        this.db = db;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public <T extends DurableObject> ObjectStub<T> get(ObjectId<T> id) {
        return host.stub(id);
    }

    @Override
    public boolean hasBinding(String name) {
        return bindings.has(name);
    }

    @Override
    public Binding binding(String name) {
        String stream = bindings.stream(name).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "no binding "
                + name + " is declared; declare it in the application's [[pipelines]] (binding = \"" + name
                + "\", pipeline = \"<stream>\") or Bindings.of(...)"));
        return new Binding() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String stream() {
                return stream;
            }

            @Override
            public void send(Object record) {
                String json = JsonText.object(mapper, record, "a record sent to binding " + name);
                db.atomically(() -> outbox.append(name, seq -> json));
            }
        };
    }
}
