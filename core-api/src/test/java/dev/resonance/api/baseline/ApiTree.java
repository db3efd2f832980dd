package dev.resonance.api.baseline;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * bnd's API tree of a bundle (what its exported packages offer: types, members, annotations, package versions) as a
 * text a reviewer can read and diff: one element a line, two spaces of indent a level,
 * {@code TYPE IF_ADDED IF_REMOVED name}, then a tab and a comment when bnd gave one. Names are escaped ({@code \\},
 * {@code \t}, {@code \n}, {@code \r}). It is {@link Tree#serialize()}'s {@code Tree.Data}, element for element, so
 * {@link #parse} gives back a tree bnd compares exactly as the one that was written.
 */
final class ApiTree {

    private ApiTree() {
    }

    /** The text of {@code api} (an {@code <api>} element, bnd's {@code Type.API}), one line per element. */
    static String write(Tree api) {
        StringBuilder out = new StringBuilder();
        write(api.serialize(), 0, out);
        return out.toString();
    }

    private static void write(Tree.Data data, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(data.type).append(' ').append(data.add).append(' ').append(data.rem)
            .append(' ').append(escape(data.name));
        if (data.comment != null) {
            out.append('\t').append(escape(data.comment));
        }
        out.append('\n');
        if (data.children != null) {
            for (Tree.Data child : data.children) {
                write(child, depth + 1, out);
            }
        }
    }

    /** The tree {@link #write} wrote; {@code lines} holds only its lines (no comments or headers). */
    static Tree parse(List<String> lines) throws Exception {
        Deque<Node> open = new ArrayDeque<>();
        Node root = null;
        int number = 0;
        for (String line : lines) {
            number++;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (indent % 2 != 0) {
                throw new IllegalArgumentException("line " + number + ": odd indent");
            }
            int depth = indent / 2;
            String[] fields = line.substring(indent).split(" ", 4);
            if (fields.length != 4) {
                throw new IllegalArgumentException("line " + number + ": expected TYPE IF_ADDED IF_REMOVED name: " + line);
            }
            Tree.Data data = new Tree.Data();
            data.type = Type.valueOf(fields[0]);
            data.add = Delta.valueOf(fields[1]);
            data.rem = Delta.valueOf(fields[2]);
            int tab = fields[3].indexOf('\t');
            data.name = unescape(tab < 0 ? fields[3] : fields[3].substring(0, tab));
            data.comment = tab < 0 ? null : unescape(fields[3].substring(tab + 1));
            Node node = new Node(data);
            while (open.size() > depth) {
                open.pop();
            }
            if (open.size() != depth || (depth == 0 && root != null)) {
                throw new IllegalArgumentException("line " + number + ": no parent at this indent");
            }
            if (depth == 0) {
                root = node;
            } else {
                open.peek().children.add(node);
            }
            open.push(node);
        }
        if (root == null) {
            throw new IllegalArgumentException("no API tree");
        }
        return new DiffPluginImpl().deserialize(root.toData());
    }

    private static final class Node {
        final Tree.Data data;
        final List<Node> children = new ArrayList<>();

        Node(Tree.Data data) {
            this.data = data;
        }

        Tree.Data toData() {
            data.children = children.stream().map(Node::toData).toArray(Tree.Data[]::new);
            return data;
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
