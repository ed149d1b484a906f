package io.conveyor.engine.routing.filter;

import java.util.List;
import java.util.Set;

/** A node of a parsed filter. */
sealed interface Expression {

    /** Returns whether the message whose properties are given satisfies this expression. */
    boolean evaluate(PropertyLookup properties);

    /** Adds every property this expression reads to {@code properties}, in the order they are written. */
    void collectProperties(Set<PropertyRef> properties);

    /** Reads the value of {@code property}, or null when the message does not have it. */
    private static Object valueOf(PropertyRef property, PropertyLookup properties) {
        return properties.value(property.namespace(), property.name());
    }

    /** True when any operand is true. */
    record Or(List<Expression> operands) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            return operands.stream().anyMatch(operand -> operand.evaluate(properties));
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            operands.forEach(operand -> operand.collectProperties(properties));
        }
    }

    /** True when every operand is true. */
    record And(List<Expression> operands) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            return operands.stream().allMatch(operand -> operand.evaluate(properties));
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            operands.forEach(operand -> operand.collectProperties(properties));
        }
    }

    /** True when the operand is false. */
    record Not(Expression operand) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            return !operand.evaluate(properties);
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            operand.collectProperties(properties);
        }
    }

    /** {@code EXISTS property}: true when the message has the property. */
    record Exists(PropertyRef property) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            return valueOf(property, properties) != null;
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            properties.add(property);
        }
    }

    /** {@code property operator literal}: false when the message does not have the property. */
    record Comparison(PropertyRef property, ComparisonOperator operator, Literal literal) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            Object value = valueOf(property, properties);
            return value != null && operator.accepts(literal.compare(value));
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            properties.add(property);
        }
    }

    /** {@code property IN (literals)}: true when the property is present and {@code =} to any literal. */
    record In(PropertyRef property, List<Literal> literals) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            Object value = valueOf(property, properties);
            return value != null && literals.stream()
                    .anyMatch(literal -> ComparisonOperator.EQUALS.accepts(literal.compare(value)));
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            properties.add(property);
        }
    }

    /** {@code property NOT IN (literals)}: true when the property is present and {@code !=} to every literal. */
    record NotIn(PropertyRef property, List<Literal> literals) implements Expression {

        @Override
        public boolean evaluate(PropertyLookup properties) {
            Object value = valueOf(property, properties);
            return value != null && literals.stream()
                    .allMatch(literal -> ComparisonOperator.NOT_EQUALS.accepts(literal.compare(value)));
        }

        @Override
        public void collectProperties(Set<PropertyRef> properties) {
            properties.add(property);
        }
    }
}
