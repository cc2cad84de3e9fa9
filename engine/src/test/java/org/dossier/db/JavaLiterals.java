package org.dossier.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the string literals and text blocks of a Java source file, grouped by expression, for
 * {@link SqlScanner}. Just enough of a lexer for that: comments and character literals are
 * skipped, escapes are decoded, parentheses are counted.
 *
 * <p>One piece holds the literals of one expression, joined in order: those between two of
 * {@code , ; { } ? :} at the same parenthesis depth, or up to the parenthesis that closes the
 * expression. So {@code "SELECT " + COLUMNS + " FROM records WHERE tenant_id = :tenantId" + lock}
 * is one piece, while the two arguments of
 * {@code List.of(q("..."), q("..."))}, the two branches of a {@code ?:} and a query and its
 * {@code .bind("tenantId", ...)} are separate pieces. Literals joined by {@code +} alone are
 * joined as javac joins them; other code between two literals is shown as {@link #ELIDED} and is
 * never matched, since its value is not known here.
 */
final class JavaLiterals {
    /** Stands for code between two literals: {@code "SELECT " + COLUMNS + " FROM"} reads {@code SELECT  ...  FROM}. */
    static final String ELIDED = " ... ";

    private final String source;
    private final List<SqlScanner.Piece> pieces = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int position;
    private int line = 1;
    private int depth;
    private int pieceLine;
    private int pieceDepth = -1;
    private boolean codeSinceLiteral;

    private JavaLiterals(String source) {
        this.source = source;
    }

    static List<SqlScanner.Piece> pieces(String javaSource) {
        JavaLiterals lexer = new JavaLiterals(javaSource);
        lexer.read();
        return List.copyOf(lexer.pieces);
    }

    private void read() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (source.startsWith("//", position)) {
                skipTo("\n", 0);
            } else if (source.startsWith("/*", position)) {
                skipTo("*/", 2);
            } else if (source.startsWith("\"\"\"", position)) {
                int start = line;
                advance(3);
                // The opening delimiter is followed by a line break that is not part of the content.
                skipTo("\n", 1);
                literal(start, quoted("\"\"\""));
            } else if (c == '"') {
                int start = line;
                advance(1);
                literal(start, quoted("\""));
            } else if (c == '\'') {
                advance(1);
                quoted("'");
            } else {
                codeSinceLiteral |= !Character.isWhitespace(c) && c != '+';
                punctuation(c);
                advance(1);
            }
        }
        endPiece();
    }

    private void punctuation(char c) {
        switch (c) {
            case '(', '[' -> depth++;
            case ')', ']' -> {
                depth--;
                if (depth < pieceDepth) {
                    endPiece();
                }
            }
            case ',', '?', ':' -> {
                if (depth <= pieceDepth) {
                    endPiece();
                }
            }
            case ';', '{', '}' -> endPiece();
            default -> { }
        }
    }

    private void literal(int startLine, String value) {
        if (pieceDepth < 0) {
            pieceLine = startLine;
            pieceDepth = depth;
        } else if (codeSinceLiteral) {
            text.append(ELIDED);
        }
        text.append(value);
        codeSinceLiteral = false;
    }

    private void endPiece() {
        if (pieceDepth >= 0) {
            pieces.add(new SqlScanner.Piece(text.toString(), pieceLine));
        }
        text.setLength(0);
        pieceDepth = -1;
    }

    /** Reads up to the closing delimiter, which it consumes, and returns the decoded content. */
    private String quoted(String delimiter) {
        StringBuilder value = new StringBuilder();
        while (position < source.length() && !source.startsWith(delimiter, position)) {
            char c = source.charAt(position);
            if (c == '\\' && position + 1 < source.length()) {
                advance(1);
                value.append(escape());
            } else {
                value.append(c);
                advance(1);
            }
        }
        advance(delimiter.length());
        return value.toString();
    }

    /** Decodes the escape sequence after a backslash, as javac does. */
    private String escape() {
        char c = source.charAt(position);
        if (c >= '0' && c <= '7') {
            int end = position + 1;
            int max = c <= '3' ? position + 3 : position + 2;
            while (end < Math.min(max, source.length()) && source.charAt(end) >= '0' && source.charAt(end) <= '7') {
                end++;
            }
            char value = (char) Integer.parseInt(source.substring(position, end), 8);
            advance(end - position);
            return String.valueOf(value);
        }
        advance(1);
        return switch (c) {
            case 'b' -> "\b";
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case 's' -> " ";
            case '\n' -> ""; // a text block's line continuation
            default -> String.valueOf(c); // \" \' \\
        };
    }

    private void skipTo(String end, int keep) {
        while (position < source.length() && !source.startsWith(end, position)) {
            advance(1);
        }
        advance(Math.min(keep, end.length()));
    }

    private void advance(int count) {
        for (int k = 0; k < count && position < source.length(); k++) {
            if (source.charAt(position) == '\n') {
                line++;
            }
            position++;
        }
    }
}
