package org.dossier.designer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field or section moved a place up or down among its siblings, as the designer's arrow
 * buttons ask for it ({@code _move=identite.prenom:up}). Works without JavaScript: the move is
 * applied to the orders the designer's form posted, which are then saved like any other choice.
 */
public record FieldMove(String path, boolean up) {

    /** The move a button posted; empty when the text names none. Anything but {@code up} moves down. */
    public static Optional<FieldMove> parse(String posted) {
        int colon = posted.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new FieldMove(posted.substring(0, colon), posted.substring(colon + 1).equals("up")));
    }

    /**
     * The posted form with the moved node's siblings renumbered in their current order, the node
     * swapped with its neighbour; the form unchanged when there is no such node or neighbour.
     */
    Map<String, List<String>> applyTo(List<DesignerModel.Node> tree, Map<String, List<String>> posted) {
        Map<String, List<String>> moved = new LinkedHashMap<>(posted);
        List<DesignerModel.Node> siblings = siblingsOf(tree);
        if (siblings == null) {
            return moved;
        }
        List<String> order = new ArrayList<>(siblings.stream().map(DesignerModel.Node::path).toList());
        int at = order.indexOf(path);
        int to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.size()) {
            return moved;
        }
        order.set(at, order.get(to));
        order.set(to, path);
        for (int i = 0; i < order.size(); i++) {
            moved.put("f." + order.get(i) + ".order", List.of(Integer.toString((i + 1) * 10)));
        }
        return moved;
    }

    private List<DesignerModel.Node> siblingsOf(List<DesignerModel.Node> nodes) {
        for (DesignerModel.Node node : nodes) {
            if (node.path().equals(path)) {
                return nodes;
            }
            List<DesignerModel.Node> found = siblingsOf(node.children());
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
