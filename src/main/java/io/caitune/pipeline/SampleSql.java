package io.caitune.pipeline;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The statements every model call's result goes through, as plain SQL on the current transaction's connection.
 * Hibernate translates an HQL update into SQL again on every execution (and a fresh process interprets and compiles
 * that translator for its first tens of thousands of statements); a JFR recording of a cold N=2,000 run had 19 % of
 * the service's samples there. The SQL is portable: H2 and PostgreSQL accept the same text and bind UUIDs and
 * {@link OffsetDateTime}s through {@code setObject}.
 */
final class SampleSql {

    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private SampleSql() {
    }

    static int update(EntityManager em, String sql, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    static <T> T query(EntityManager em, String sql, Rows<T> rows, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                try (ResultSet result = statement.executeQuery()) {
                    return rows.read(result);
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name()); // @Enumerated(STRING)
            } else if (value instanceof UUID || value instanceof Number) {
                statement.setObject(i + 1, value);
            } else {
                statement.setString(i + 1, value.toString());
            }
        }
    }
}
