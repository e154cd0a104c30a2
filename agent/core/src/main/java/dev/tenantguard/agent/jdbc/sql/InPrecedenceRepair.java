package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MemberOfExpression;
import net.sf.jsqlparser.statement.Statement;

/**
 * Undoes a JSqlParser 5.3 regression (its issues #2244, #2282, #2356): after {@code IN (…)} (and
 * {@code MEMBER OF (…)}) the parser takes the rest of the condition into the right operand, reading
 * {@code x IN (1, 2) AND y = 3 OR z = 4} as {@code x IN ((1, 2) AND y = 3 OR z = 4)} where SQL means
 * {@code (x IN (1, 2) AND y = 3) OR z = 4}. For a tenant check this fails open:
 * {@code tenant_id = ? AND id IN (…) OR 1=1} would look restricted, its {@code OR} hidden in the IN.
 *
 * <p>The repair lists the operands and logical operators of such a condition in textual order (the
 * swallowed chain included; explicit parentheses stay single operands) and associates them again
 * by SQL precedence, AND over XOR over OR. Only new operator nodes are created; operands, and so
 * the parameters and sub-queries in them, stay the parser's objects. {@link #unrepaired} reports a
 * swallowed chain left in a place the repair does not reach, so that the caller can fail closed.
 */
final class InPrecedenceRepair {

    private static final String[] PRECEDENCE = {"OR", "XOR", "AND"};

    private InPrecedenceRepair() {
    }

    /** Repairs every condition of the statement in place. */
    static void repair(Statement statement) {
        AstWalker.rewrite(statement, node -> node instanceof Expression expression && hasSwallowedChain(expression)
                ? reassociate(expression) : node);
    }

    /** An IN or MEMBER OF whose right operand is still a logical chain, quoted; null when none. */
    static String unrepaired(Statement statement) {
        for (InExpression in : AstWalker.collect(statement, InExpression.class)) {
            if (isLogical(in.getRightExpression())) {
                return Expressions.quote(in);
            }
        }
        for (MemberOfExpression member : AstWalker.collect(statement, MemberOfExpression.class)) {
            if (isLogical(member.getRightExpression())) {
                return Expressions.quote(member);
            }
        }
        return null;
    }

    private static boolean hasSwallowedChain(Expression expression) {
        if (isLogical(expression)) {
            BinaryExpression binary = (BinaryExpression) expression;
            return hasSwallowedChain(binary.getLeftExpression()) || hasSwallowedChain(binary.getRightExpression());
        }
        return swallows(expression)
                || (expression instanceof NotExpression not && swallows(not.getExpression()));
    }

    private static boolean swallows(Expression expression) {
        return (expression instanceof InExpression in && isLogical(in.getRightExpression()))
                || (expression instanceof MemberOfExpression member && isLogical(member.getRightExpression()));
    }

    private static boolean isLogical(Expression expression) {
        return expression instanceof AndExpression || expression instanceof OrExpression
                || expression instanceof XorExpression;
    }

    private static Expression reassociate(Expression expression) {
        List<Object> sequence = new ArrayList<>();
        flatten(expression, sequence);
        return associate(sequence, 0);
    }

    /** Operands ({@link Expression}) and operators ({@link String}) in textual order. */
    private static void flatten(Expression expression, List<Object> out) {
        if (isLogical(expression)) {
            BinaryExpression binary = (BinaryExpression) expression;
            flatten(binary.getLeftExpression(), out);
            out.add(expression instanceof AndExpression ? "AND" : expression instanceof OrExpression ? "OR" : "XOR");
            flatten(binary.getRightExpression(), out);
        } else if (expression instanceof InExpression in && isLogical(in.getRightExpression())) {
            // the chain's first operand is the real IN list; the IN applies to it alone
            int first = out.size();
            flatten(in.getRightExpression(), out);
            InExpression repaired = new InExpression(in.getLeftExpression(), (Expression) out.get(first));
            repaired.setNot(in.isNot());
            repaired.setGlobal(in.isGlobal());
            out.set(first, repaired);
        } else if (expression instanceof MemberOfExpression member && isLogical(member.getRightExpression())) {
            int first = out.size();
            flatten(member.getRightExpression(), out);
            out.set(first, new MemberOfExpression(member.getLeftExpression(), (Expression) out.get(first))
                    .setNot(member.isNot()));
        } else if (expression instanceof NotExpression not && swallows(not.getExpression())) {
            // NOT binds tighter than AND/OR: it applies to the IN only
            int first = out.size();
            flatten(not.getExpression(), out);
            out.set(first, new NotExpression((Expression) out.get(first), not.isExclamationMark()));
        } else {
            out.add(expression);
        }
    }

    private static Expression associate(List<Object> sequence, int level) {
        if (level == PRECEDENCE.length) {
            return (Expression) sequence.get(0);
        }
        String operator = PRECEDENCE[level];
        Expression result = null;
        int start = 0;
        for (int i = 0; i <= sequence.size(); i++) {
            if (i == sequence.size() || operator.equals(sequence.get(i))) {
                Expression operand = associate(sequence.subList(start, i), level + 1);
                result = result == null ? operand : combine(operator, result, operand);
                start = i + 1;
            }
        }
        return result;
    }

    private static Expression combine(String operator, Expression left, Expression right) {
        switch (operator) {
            case "AND":
                return new AndExpression(left, right);
            case "OR":
                return new OrExpression(left, right);
            default:
                return new XorExpression(left, right);
        }
    }
}
