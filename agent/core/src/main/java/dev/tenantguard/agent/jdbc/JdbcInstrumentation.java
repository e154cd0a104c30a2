package dev.tenantguard.agent.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.GuardedConnection;
import dev.tenantguard.internal.GuardedResultSet;
import dev.tenantguard.internal.GuardedStatement;
import dev.tenantguard.internal.JdbcHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC, on every driver's and pool's concrete classes, as they load:
 * <ul>
 * <li>{@code Connection}: {@code createStatement}, {@code prepareStatement}, {@code prepareCall}
 *     (exit: the statement learns its SQL and connection); {@code setSchema}, {@code setCatalog}</li>
 * <li>{@code Statement}: {@code execute}, {@code executeQuery}, {@code executeUpdate},
 *     {@code executeLargeUpdate}, {@code addBatch} — with the SQL (plain statements) or without
 *     (prepared ones: the bound values are checked); {@code executeBatch},
 *     {@code executeLargeBatch} (rows were checked at {@code addBatch})</li>
 * <li>{@code PreparedStatement}: {@code setString}, {@code setNString}, {@code setObject}, {@code setBigDecimal}
 *     (the value), {@code setInt}, {@code setLong}, {@code setShort}, {@code setByte} (the number, unboxed),
 *     every other {@code setXxx(int, …)} (not captured), {@code addBatch()} (a row: checked, then its
 *     binds forgotten), {@code clearParameters}; {@code CallableStatement.setXxx(String, …)} (by name: captured
 *     at the index the name stands for where the agent knows it, else not captured)</li>
 * <li>{@code ResultSet}: {@code updateRow}, {@code insertRow}, {@code deleteRow} (the row judged, the
 *     driver's own statements inside not judged again); every {@code updateXxx(int | String, …)} (the
 *     tenant column's value kept); {@code moveToInsertRow}, {@code cancelRowUpdates} (forgotten)</li>
 * </ul>
 * Statement, connection and result set classes get fields ({@link GuardedStatement},
 * {@link GuardedConnection}, {@link GuardedResultSet}) so nothing is looked up in a map on the hot path.
 */
final class JdbcInstrumentation {
    private static final String STATEMENT = "java.sql.Statement";
    private static final String CONNECTION = "java.sql.Connection";
    private static final String[] EXECUTES = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
    private static final String[] BATCHES = {"executeBatch", "executeLargeBatch"};
    /** Setters whose value is compared with the tenant: objects (boxed as the application gave them) … */
    private static final String[] BINDS = {"setString", "setNString", "setObject", "setBigDecimal"};
    /** … and primitives, read unboxed. */
    private static final String[] NUMBER_BINDS = {"setInt", "setLong", "setShort", "setByte"};
    /** Every other setter of java.sql.PreparedStatement: a tenant parameter set by one is not verified. */
    private static final String[] OTHER_BINDS = {"setNull", "setBoolean", "setFloat", "setDouble", "setBytes", "setDate",
            "setTime", "setTimestamp", "setAsciiStream", "setUnicodeStream", "setBinaryStream", "setCharacterStream",
            "setNCharacterStream", "setRef", "setBlob", "setClob", "setNClob", "setArray", "setURL", "setRowId",
            "setSQLXML"};
    private static final String[] CLEARS = {"clearParameters"};
    private static final String[] PREPARES = {"prepareStatement", "prepareCall"};
    private static final String[] SCHEMA_SWITCHES = {"setSchema", "setCatalog"};
    private static final String RESULT_SET = "java.sql.ResultSet";
    /** What an updatable result set writes: the driver derives its SQL from the row. */
    private static final String[] ROW_WRITES = {"updateRow", "insertRow", "deleteRow"};
    private static final String[] ROW_RESETS = {"moveToInsertRow", "cancelRowUpdates"};
    /** Every updater of java.sql.ResultSet, by index or label: the value of the tenant column is kept. */
    private static final String[] ROW_VALUES = {"updateString", "updateNString", "updateObject", "updateInt",
            "updateLong", "updateShort", "updateByte", "updateBigDecimal", "updateNull", "updateBoolean", "updateFloat",
            "updateDouble", "updateBytes", "updateDate", "updateTime", "updateTimestamp", "updateAsciiStream",
            "updateBinaryStream", "updateCharacterStream", "updateNCharacterStream", "updateBlob", "updateClob",
            "updateNClob", "updateArray", "updateRef", "updateRowId", "updateSQLXML"};

    /**
     * A candidate declares a method this instrumentation changes and mentions java.sql (its
     * interfaces, its descriptors, the SQLException its methods throw); a class that declares none
     * inherits what its instrumented ancestor got. Left out: an override that mentions no java.sql
     * type at all (no throws clause, no JDBC type). Statement and connection classes get fields, so
     * the classes of {@code skippedPackages} (on attach: drivers and pools loaded already, which must
     * not be half instrumented) are left alone.
     */
    static TypeInstrumentation types(Set<String> skippedPackages) {
        return new TypeInstrumentation("its calls are not checked",
                ClassFileFilter.mentioning("java/sql/", "javax/sql/").declaring(names(EXECUTES, BATCHES, BINDS,
                        NUMBER_BINDS, OTHER_BINDS, CLEARS, PREPARES, SCHEMA_SWITCHES,
                        ROW_WRITES, ROW_RESETS, ROW_VALUES, new String[] {"addBatch", "createStatement"})),
                true) {
            @Override
            protected AgentBuilder apply(AgentBuilder builder) {
                return install(builder);
            }

            @Override
            protected ElementMatcher<TypeDescription> ignored() {
                return type -> type.getPackage() != null && skippedPackages.contains(type.getPackage().getName());
            }
        };
    }

    private JdbcInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(hasSuperType(named(STATEMENT)).and(not(isInterface())))
                .transform((b, type, loader, module, domain) -> b
                        .defineField("tenantGuard$analysis", Object.class, Visibility.PRIVATE)
                        .defineField("tenantGuard$binds", Object.class, Visibility.PRIVATE)
                        .defineField("tenantGuard$connection", Object.class, Visibility.PRIVATE)
                        .defineField("tenantGuard$number", long.class, Visibility.PRIVATE)
                        .implement(GuardedStatement.class)
                        .method(named("tenantGuard$analysis")).intercept(FieldAccessor.ofField("tenantGuard$analysis"))
                        .method(named("tenantGuard$binds")).intercept(FieldAccessor.ofField("tenantGuard$binds"))
                        .method(named("tenantGuard$connection")).intercept(FieldAccessor.ofField("tenantGuard$connection"))
                        .method(named("tenantGuard$number")).intercept(FieldAccessor.ofField("tenantGuard$number")))
                .transform(Transformers.advice(ExecuteSql.class, JdbcExit.class, executes().and(takesArgument(0, String.class))
                        .or(named("addBatch").and(takesArguments(String.class)))))
                .transform(Transformers.advice(ExecutePrepared.class, JdbcExit.class,
                        executes().and(takesArguments(0))))
                .transform(Transformers.advice(AddRow.class, JdbcExit.class, named("addBatch").and(takesArguments(0))))
                .transform(Transformers.advice(RunBatch.class, JdbcExit.class,
                        namedOneOf(BATCHES).and(takesArguments(0))))
                .transform(Transformers.advice(Bind.class, isPublic().and(namedOneOf(BINDS)).and(takesArgument(0, int.class))
                        .and(takesArgument(1, Object.class).or(takesArgument(1, String.class))
                                .or(takesArgument(1, java.math.BigDecimal.class)))))
                .transform(Transformers.advice(BindNumber.class, isPublic().and(namedOneOf(NUMBER_BINDS))
                        .and(takesArguments(2)).and(takesArgument(0, int.class))))
                .transform(Transformers.advice(BindOther.class, isPublic().and(namedOneOf(OTHER_BINDS))
                        .and(takesArgument(0, int.class)).and(not(takesArguments(1)))))
                .transform(Transformers.advice(BindByName.class, isPublic().and(namedOneOf(BINDS))
                        .and(takesArgument(0, String.class))
                        .and(takesArgument(1, Object.class).or(takesArgument(1, String.class))
                                .or(takesArgument(1, java.math.BigDecimal.class)))))
                .transform(Transformers.advice(BindNumberByName.class, isPublic().and(namedOneOf(NUMBER_BINDS))
                        .and(takesArguments(2)).and(takesArgument(0, String.class))))
                .transform(Transformers.advice(BindOtherByName.class, isPublic().and(namedOneOf(OTHER_BINDS))
                        .and(takesArgument(0, String.class)).and(not(takesArguments(1)))))
                .transform(Transformers.advice(ClearParameters.class, isPublic().and(namedOneOf(CLEARS))
                        .and(takesArguments(0))))
                .type(hasSuperType(named(CONNECTION)).and(not(isInterface())))
                .transform((b, type, loader, module, domain) -> b
                        .defineField("tenantGuard$state", Object.class, Visibility.PRIVATE)
                        .implement(GuardedConnection.class)
                        .method(named("tenantGuard$state")).intercept(FieldAccessor.ofField("tenantGuard$state")))
                .transform(Transformers.advice(Prepare.class, namedOneOf(PREPARES).and(takesArgument(0, String.class))))
                .transform(Transformers.advice(Create.class, named("createStatement")))
                .transform(Transformers.advice(SwitchSchema.class,
                        namedOneOf(SCHEMA_SWITCHES).and(takesArguments(String.class)).and(returns(void.class))))
                .type(hasSuperType(named(RESULT_SET)).and(not(isInterface())))
                .transform((b, type, loader, module, domain) -> b
                        .defineField("tenantGuard$row", Object.class, Visibility.PRIVATE)
                        .implement(GuardedResultSet.class)
                        .method(named("tenantGuard$row")).intercept(FieldAccessor.ofField("tenantGuard$row")))
                .transform(Transformers.advice(UpdateRow.class, RowWritten.class, isPublic().and(named("updateRow"))
                        .and(takesArguments(0))))
                .transform(Transformers.advice(InsertRow.class, RowWritten.class, isPublic().and(named("insertRow"))
                        .and(takesArguments(0))))
                .transform(Transformers.advice(DeleteRow.class, RowWritten.class, isPublic().and(named("deleteRow"))
                        .and(takesArguments(0))))
                .transform(Transformers.advice(RowReset.class, isPublic().and(namedOneOf(ROW_RESETS)).and(takesArguments(0))))
                .transform(Transformers.advice(RowValue.class, isPublic().and(namedOneOf(ROW_VALUES))
                        .and(takesArgument(0, int.class).or(takesArgument(0, String.class))).and(not(takesArguments(1)))))
                .transform(Transformers.advice(RowNull.class, isPublic().and(named("updateNull"))
                        .and(takesArgument(0, int.class).or(takesArgument(0, String.class))).and(takesArguments(1))));
    }

    private static ElementMatcher.Junction<MethodDescription> executes() {
        return namedOneOf(EXECUTES);
    }

    private static List<String> names(String[]... groups) {
        List<String> names = new ArrayList<>();
        for (String[] group : groups) {
            names.addAll(Arrays.asList(group));
        }
        return names;
    }

    /** Statement.execute*(String …) and addBatch(String). */
    static final class ExecuteSql {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
            return JdbcHooks.enter(statement, sql, true);
        }
    }

    /** PreparedStatement.execute(), executeQuery(), executeUpdate(), executeLargeUpdate(), addBatch(). */
    static final class ExecutePrepared {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object statement) {
            return JdbcHooks.enter(statement, null, true);
        }
    }

    /** executeBatch(), executeLargeBatch(): not checked again, but what the driver calls inside is the same call. */
    static final class RunBatch {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object statement) {
            return JdbcHooks.enter(statement, null, false);
        }
    }

    /** PreparedStatement.addBatch(): the row is checked, then its binds are forgotten. */
    static final class AddRow {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object statement) {
            return JdbcHooks.enterRow(statement);
        }
    }

    /** PreparedStatement.setInt, setLong, setShort, setByte(int, n): the number, widened to long, never boxed. */
    static final class BindNumber {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) long value) {
            JdbcHooks.boundNumber(statement, index, value);
        }
    }

    /**
     * PreparedStatement.setNull, setBytes, the streams, LOBs, dates, floats … (int, …): a tenant
     * parameter set by one of them is not captured.
     */
    static final class BindOther {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Origin("#m") String setter) {
            JdbcHooks.notCaptured(statement, index, setter);
        }
    }

    /**
     * CallableStatement.setString / setNString / setObject / setBigDecimal(String name, …): the value, at the
     * index the name stands for where the agent knows it, else no tenant parameter is known.
     */
    static final class BindByName {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) String name,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value, @Advice.Origin("#m") String setter) {
            JdbcHooks.boundByName(statement, name, value, setter);
        }
    }

    /** CallableStatement.setInt, setLong, setShort, setByte(String name, n): the number, unboxed. */
    static final class BindNumberByName {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) String name, @Advice.Argument(1) long value,
                @Advice.Origin("#m") String setter) {
            JdbcHooks.boundNumberByName(statement, name, value, setter);
        }
    }

    /** Every other CallableStatement.setXxx(String name, …): a tenant parameter set by one is not captured. */
    static final class BindOtherByName {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) String name, @Advice.Origin("#m") String setter) {
            JdbcHooks.notCapturedByName(statement, name, setter);
        }
    }

    /** PreparedStatement.clearParameters(): nothing is bound any more. */
    static final class ClearParameters {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement) {
            JdbcHooks.notCaptured(statement, 0, null);
        }
    }

    /** PreparedStatement.setString / setNString / setObject / setBigDecimal(int, …). */
    static final class Bind {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object statement, @Advice.Argument(0) int index,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value) {
            JdbcHooks.bound(statement, index, value);
        }
    }

    /** Connection.prepareStatement(String, …) and prepareCall(String, …). */
    static final class Prepare {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object connection, @Advice.Argument(0) String sql,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object statement) {
            JdbcHooks.prepared(connection, statement, sql);
        }
    }

    /** Connection.createStatement(…). */
    static final class Create {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object connection,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object statement) {
            JdbcHooks.prepared(connection, statement, null);
        }
    }

    /** Connection.setSchema(String), setCatalog(String). */
    static final class SwitchSchema {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object connection, @Advice.Argument(0) String schema) {
            JdbcHooks.switchSchema(connection, schema);
        }
    }

    /** ResultSet.updateRow(): the row as the result set holds it, and the tenant value set on it, if any. */
    static final class UpdateRow {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object resultSet) {
            return JdbcHooks.rowWrite(resultSet, "UPDATE");
        }
    }

    /** ResultSet.insertRow(): the tenant value set on the insert row. */
    static final class InsertRow {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object resultSet) {
            return JdbcHooks.rowWrite(resultSet, "INSERT");
        }
    }

    /** ResultSet.deleteRow(): the row as the result set holds it. */
    static final class DeleteRow {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object resultSet) {
            return JdbcHooks.rowWrite(resultSet, "DELETE");
        }
    }

    /** The exit of updateRow, insertRow, deleteRow: the driver's own statements were inside. */
    static final class RowWritten {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state, @Advice.This Object resultSet, @Advice.Thrown Throwable thrown) {
            JdbcHooks.rowWritten(state, resultSet, thrown);
        }
    }

    /** ResultSet.moveToInsertRow(), cancelRowUpdates(): nothing set on the row any more. */
    static final class RowReset {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object resultSet) {
            JdbcHooks.rowReset(resultSet);
        }
    }

    /** ResultSet.updateXxx(int index | String label, value …): the value, boxed as the application gave it. */
    static final class RowValue {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object resultSet,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object column,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value) {
            JdbcHooks.rowValue(resultSet, column, value);
        }
    }

    /** ResultSet.updateNull(int index | String label). */
    static final class RowNull {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object resultSet,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object column) {
            JdbcHooks.rowValue(resultSet, column, null);
        }
    }

    /** The exit of the execute advice: ends the call's depth, also when the driver threw. */
    static final class JdbcExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state) {
            JdbcHooks.exit(state);
        }
    }
}
