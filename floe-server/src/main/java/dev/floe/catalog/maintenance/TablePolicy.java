package dev.floe.catalog.maintenance;

import java.util.List;
import java.util.Objects;

/**
 * The maintenance set for one table alone. Kept by the table's UUID, which a rename keeps and a table
 * created again under the same name does not; the name is for people.
 *
 * @param uuid      the table's UUID
 * @param namespace the table's namespace when the policy was last set
 * @param name      the table's name then
 * @param policy    the parts set for this table; the others come from its catalog's
 */
public record TablePolicy(String uuid, List<String> namespace, String name, MaintenancePolicy policy) {

    public TablePolicy {
        Objects.requireNonNull(uuid, "uuid");
        namespace = List.copyOf(namespace);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
    }
}
