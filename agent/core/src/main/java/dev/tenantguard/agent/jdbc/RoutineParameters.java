package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.TenantParameter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JDBC index a {@code CallableStatement} parameter bound by name stands for, for the call of a trusted
 * routine with tenant arguments ({@code {call delete_order(?, ?)}}, {@code setString("p_tenant", …)}).
 *
 * <p>Only for drivers whose mapping is known: MariaDB Connector/J binds a name to the placeholder at the
 * position of that name among the routine's parameters (read from the database), so the agent reads the same
 * list — {@code DatabaseMetaData.getProcedureColumns}, once per routine and physical connection — and takes
 * the same position. pgjdbc does not implement names; any other driver's mapping is not known: 0, and the
 * value is not captured.
 */
final class RoutineParameters {
    private static final String ROUTINE = "routine ";

    private RoutineParameters() {
    }

    static int indexOf(Object connection, ConnectionState state, SqlAnalysis analysis, String name) {
        String routine = routine(analysis); // "routine name", as the analysis names it: kept, not cut (no allocation)
        if (routine == null) {
            return 0;
        }
        List<String> names = state.routineParameters.get(routine);
        if (names == null) {
            names = connection instanceof Connection db ? read(db, routine.substring(ROUTINE.length())) : null;
            if (names == null) {
                return 0; // the metadata could not be read: not known now, asked again at the next bind
            }
            state.routineParameters.putIfAbsent(routine, names);
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The one trusted routine whose tenant arguments the text binds ("routine name"), or null when none or several. */
    private static String routine(SqlAnalysis analysis) {
        String routine = null;
        List<TenantParameter> parameters = analysis.tenantParameters();
        for (int i = 0; i < parameters.size(); i++) {
            String table = parameters.get(i).table();
            if (!table.startsWith(ROUTINE) || (routine != null && !routine.equals(table))) {
                return null; // a tenant parameter of a table, or of another routine: names are not mapped
            }
            routine = table;
        }
        return routine;
    }

    /**
     * The routine's parameter names in order, where the driver maps names by them, else empty; null when the
     * metadata could not be read.
     */
    private static List<String> read(Connection db, String routine) {
        List<String> names = new ArrayList<>();
        try {
            DatabaseMetaData metaData = db.getMetaData();
            String driver = metaData.getDriverName();
            if (driver == null || !driver.contains("MariaDB")) {
                return List.of();
            }
            int dot = routine.lastIndexOf('.');
            String catalog = dot < 0 ? db.getCatalog() : routine.substring(0, dot);
            try (ResultSet columns = metaData.getProcedureColumns(catalog, null, routine.substring(dot + 1), "%")) {
                while (columns.next()) {
                    short type = columns.getShort("COLUMN_TYPE");
                    if (type == DatabaseMetaData.procedureColumnIn || type == DatabaseMetaData.procedureColumnInOut
                            || type == DatabaseMetaData.procedureColumnOut) {
                        names.add(columns.getString("COLUMN_NAME"));
                    }
                }
            }
        } catch (SQLException e) {
            return null;
        }
        return List.copyOf(names);
    }
}
