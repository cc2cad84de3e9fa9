package org.dossier.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * A posted field name split into steps: {@code membres_foyer[0].prenom} is property
 * {@code membres_foyer}, row 0, property {@code prenom}. Names are produced by the renderer, so
 * anything outside that grammar is refused rather than guessed at.
 */
record FieldName(List<Step> steps) {
    /** Absolute bound on a row index, whatever the schema says: no form has that many rows. */
    static final int MAX_INDEX = 10_000;
    private static final int MAX_NAME_LENGTH = 500;

    sealed interface Step permits Property, Index {}

    record Property(String key) implements Step {}

    record Index(int index) implements Step {}

    /** The outcome of parsing: a name, or the pointer of the longest well-formed prefix of a malformed one. */
    sealed interface Parsed permits Valid, Malformed {}

    record Valid(FieldName name) implements Parsed {}

    record Malformed(String prefixPointer) implements Parsed {}

    static Parsed parse(String name) {
        List<Step> steps = new ArrayList<>();
        if (name.length() > MAX_NAME_LENGTH) {
            return new Malformed("");
        }
        int position = 0;
        boolean expectKey = true;
        while (position < name.length()) {
            char current = name.charAt(position);
            if (expectKey) {
                int end = keyEnd(name, position);
                if (end == position) {
                    return new Malformed(pointerOf(steps));
                }
                steps.add(new Property(name.substring(position, end)));
                position = end;
                expectKey = false;
            } else if (current == '.') {
                position++;
                expectKey = true;
            } else if (current == '[') {
                int close = name.indexOf(']', position);
                Integer index = close < 0 ? null : parseIndex(name.substring(position + 1, close));
                if (index == null) {
                    return new Malformed(pointerOf(steps));
                }
                steps.add(new Index(index));
                position = close + 1;
            } else {
                return new Malformed(pointerOf(steps));
            }
        }
        return expectKey ? new Malformed(pointerOf(steps)) : new Valid(new FieldName(List.copyOf(steps)));
    }

    private static int keyEnd(String name, int start) {
        int end = start;
        while (end < name.length() && isKeyChar(name.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Digits without leading zeros, at most {@link #MAX_INDEX}; null otherwise. */
    private static Integer parseIndex(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || (digits.length() > 1 && digits.charAt(0) == '0')
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int index = Integer.parseInt(digits);
        return index > MAX_INDEX ? null : index;
    }

    static String pointerOf(List<Step> steps) {
        StringBuilder pointer = new StringBuilder();
        for (Step step : steps) {
            pointer.append('/');
            if (step instanceof Property property) {
                pointer.append(JsonPointers.escape(property.key()));
            } else if (step instanceof Index index) {
                pointer.append(index.index());
            }
        }
        return pointer.toString();
    }
}
