package dev.floe.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One DuckDB function call of one text argument, answered as text: how floe uses DuckDB's parser. */
public final class ScalarCall {
    private ScalarCall() {
    }

    /** @param function a call with one parameter, such as {@code json_serialize_sql(?::VARCHAR)} */
    public static String text(Connection connection, String function, String argument) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function)) {
            statement.setString(1, argument);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
