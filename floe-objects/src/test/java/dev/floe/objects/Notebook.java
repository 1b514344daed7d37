package dev.floe.objects;

/** A test object whose behaviour each test passes in: it exposes its context to the test's lambdas. */
public class Notebook extends DurableObject {
    static final Namespace<Notebook> NAMESPACE = Namespace.builder("https://test.floe", "Notebook", Notebook::new)
            .migrations("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, words INTEGER)",
                    "ALTER TABLE notes ADD COLUMN tag TEXT")
            .capturedTables("notes")
            .build();

    public ObjectContext context() {
        return ctx();
    }

    public Storage storage() {
        return ctx().storage();
    }

    public SqlStorage sql() {
        return ctx().storage().sql();
    }
}
